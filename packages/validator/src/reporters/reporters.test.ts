import type { Problem } from '@ecosystem-dispatcher/core';
import { describe, expect, it } from 'vitest';
import { lintText } from '../lint.js';
import { RULES } from '../rules.js';
import { escapeData, escapeProperty } from './github.js';
import { formatProblems } from './index.js';

const SOURCE = '{\n  "cousins": [\n    {\n      "repo": "acme/app.git",\n      "subscriptions": ["features/x", "features/x/sub"]\n    }\n  ]\n}\n';
const FILE = 'config/ecosystem.json';
const problems = lintText(SOURCE, FILE);
const context = { sources: new Map([[FILE, SOURCE]]), filesChecked: 1 };

describe('the findings these reporter tests use', () => {
  it('are one error and one warning', () => {
    expect(problems.map((p) => [p.rule, p.severity])).toEqual([
      ['repo/format', 'error'],
      ['subscriptions/nested', 'warning'],
    ]);
  });
});

describe('the json reporter', () => {
  it('prints {ok, problems} with exactly the documented fields', () => {
    const report = JSON.parse(formatProblems('json', problems));
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toEqual({ rule: 'repo/format', severity: 'error', message: expect.stringContaining('.git'), file: FILE, line: 4, column: 15 });
    for (const problem of report.problems) expect(Object.keys(problem).sort()).toEqual(['column', 'file', 'line', 'message', 'rule', 'severity']);
  });

  it('is ok with warnings only (up to maxWarnings), and with nothing at all', () => {
    expect(JSON.parse(formatProblems('json', problems.slice(1))).ok).toBe(true);
    expect(JSON.parse(formatProblems('json', problems.slice(1), { maxWarnings: 0 })).ok).toBe(false);
    expect(JSON.parse(formatProblems('json', []))).toEqual({ ok: true, problems: [] });
  });
});

describe('the github reporter', () => {
  it('prints one workflow command per problem with position and rule as title', () => {
    const lines = formatProblems('github', problems, context).trimEnd().split('\n');
    expect(lines[0]).toBe('::error file=config/ecosystem.json,line=4,col=15,endLine=4,endColumn=29,title=repo/format::repository "acme/app.git" ends with ".git"; write "acme/app"');
    expect(lines[1]).toMatch(/^::warning file=config\/ecosystem.json,line=5,col=39,.*title=subscriptions\/nested::/);
    expect(lines[2]).toBe('2 problems (1 error, 1 warning) in 1 file.');
  });

  it("escapes like GitHub's toolkit: %, CR and LF in the message; also : and , in properties", () => {
    expect(escapeData('50% done\r\nnext: a, b')).toBe('50%25 done%0D%0Anext: a, b');
    expect(escapeProperty('C:\\dir,x%\n')).toBe('C%3A\\dir%2Cx%25%0A');
    const odd: Problem = { rule: 'path/no-match', severity: 'error', message: 'line one\nline two: 100%', file: 'odd, name:1.json', line: 1, column: 1 };
    expect(formatProblems('github', [odd]).split('\n')[0]).toBe('::error file=odd%2C name%3A1.json,line=1,col=1,title=path/no-match::line one%0Aline two: 100%25');
  });
});

describe('the sarif reporter', () => {
  const log = JSON.parse(formatProblems('sarif', problems, { ...context, version: '1.2.3' }));
  const run = log.runs[0];

  it('is a SARIF 2.1.0 log with one run', () => {
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(log.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'ecosystem lint', version: '1.2.3' });
  });

  it('describes every rule with help text and a default level', () => {
    const ids = run.tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(Object.keys(RULES));
    for (const rule of run.tool.driver.rules) {
      expect(rule.shortDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(['error', 'warning']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('gives each result its rule, level, message and region', () => {
    expect(run.results).toHaveLength(2);
    const [first] = run.results;
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe(first.ruleId);
    expect(first).toMatchObject({ ruleId: 'repo/format', level: 'error', message: { text: expect.stringContaining('.git') } });
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'config/ecosystem.json' },
      region: { startLine: 4, startColumn: 15, endLine: 4, endColumn: 29 },
    });
  });

  it('adds rules that come from other checkers, and encodes odd file names', () => {
    const extra: Problem = { rule: 'workflow/unpinned-action', severity: 'warning', message: 'pin it', file: 'my flows/ci.yml', line: 3, column: 9 };
    const other = JSON.parse(formatProblems('sarif', [extra], { extraRules: new Map([['workflow/unpinned-action', 'Pin actions by SHA.']]) })).runs[0];
    const rule = other.tool.driver.rules[other.results[0].ruleIndex];
    expect(rule).toMatchObject({ id: 'workflow/unpinned-action', help: { text: 'Pin actions by SHA.' } });
    expect(other.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('my%20flows/ci.yml');
  });
});

describe('the pretty reporter', () => {
  it('prints file:line:col, severity, message, rule and a code frame with a caret under the value', () => {
    const text = formatProblems('pretty', problems, { ...context, color: false });
    expect(text).toContain('config/ecosystem.json:4:15 error repository "acme/app.git" ends with ".git"; write "acme/app" [repo/format]');
    const lines = text.split('\n');
    const marked = lines.findIndex((line) => line.startsWith('> 4 |'));
    expect(lines[marked - 1]).toBe('  3 |     {');
    expect(lines[marked]).toBe('> 4 |       "repo": "acme/app.git",');
    expect(lines[marked + 1]).toBe('    |               ^^^^^^^^^^^^^^');
    expect(text.trimEnd().split('\n').pop()).toBe('2 problems (1 error, 1 warning) in 1 file.');
  });

  it('colours only when asked', () => {
    expect(formatProblems('pretty', problems, { ...context, color: false })).not.toContain('\u001b[');
    expect(formatProblems('pretty', problems, { ...context, color: true })).toContain('\u001b[31merror\u001b[39m');
  });

  it('shows a window of a very long line with the caret still under the value', () => {
    const long = JSON.stringify([{ repo: 'a/b', subscriptions: [...Array.from({ length: 40 }, (_, i) => `features/f${i}`), '/abs'] }]);
    const [problem] = lintText(long, 'e.json');
    const frame = formatProblems('pretty', [problem!], { sources: new Map([['e.json', long]]) }).split('\n');
    const line = frame.find((l) => l.startsWith('> 1 |'))!;
    const caret = frame[frame.indexOf(line) + 1]!;
    expect(line.length).toBeLessThan(130);
    expect(line.slice(caret.indexOf('^'), caret.indexOf('^') + 6)).toBe('"/abs"');
  });

  it('says so when there is nothing to report', () => {
    expect(formatProblems('pretty', [], { filesChecked: 2 })).toBe('No problems in 2 files.\n');
  });
});
