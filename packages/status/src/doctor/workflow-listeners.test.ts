import { describe, expect, it } from 'vitest';
import { dispatchListenerOf, workflowProblem } from './workflow-listeners.js';

describe('dispatchListenerOf reads every form of on:', () => {
  it.each([
    ['on: repository_dispatch', { kind: 'listens', types: undefined }],
    ['on: [push, repository_dispatch]', { kind: 'listens', types: undefined }],
    ['on:\n  repository_dispatch:\n', { kind: 'listens', types: undefined }],
    ['on:\n  repository_dispatch:\n    types: mono-sync\n', { kind: 'listens', types: ['mono-sync'] }],
    ['on:\n  repository_dispatch:\n    types: [a, b]\n', { kind: 'listens', types: ['a', 'b'] }],
    ['on: push', { kind: 'none' }],
  ])('%j', (text, expected) => {
    expect(dispatchListenerOf(text)).toEqual(expected);
  });
  it('says why a file is not YAML', () => {
    expect(dispatchListenerOf('on: [')).toMatchObject({ kind: 'unparsable' });
  });
});

describe('workflowProblem', () => {
  const file = (path: string, text: string) => ({ path, text });
  it('is none when one workflow listens to the event type', () => {
    expect(workflowProblem([file('a.yml', 'on: push'), file('b.yml', 'on:\n  repository_dispatch:\n    types: [x]\n')], 'x', 'main')).toBeUndefined();
  });
  it('names the types a listener has when none is the one sent', () => {
    expect(workflowProblem([file('b.yml', 'on:\n  repository_dispatch:\n    types: [x]\n')], 'y', 'main')?.problem).toBe('b.yml listens to repository_dispatch types [x], but the monorepo sends "y"');
  });
  it('blames an unparsable file before saying nothing listens', () => {
    expect(workflowProblem([file('b.yml', 'on: [')], 'y', 'main')?.problem).toMatch(/^b\.yml is not valid YAML/);
    expect(workflowProblem([], 'y', 'trunk')?.problem).toBe('no workflow on trunk listens to repository_dispatch, so every dispatch is answered 204 and nothing runs');
  });
});
