import { DEFAULT_EVENT_TYPE, PROJECT_REPO } from '@ecosystem-dispatcher/core';
import { isCommitSha, type Answers } from './answers.js';
import { reusableWorkflowPin, SECRET_NAMES } from './cousin-files.js';

const PLACEHOLDER_REPO = 'OWNER/REPO';

/** Quotes one argument for a POSIX shell when it needs it; only for commands shown to the user. */
function shellWord(word: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A manual dispatch that makes the cousin sync its first feature from the upstream's
 * current default-branch head, exactly as the monorepo's dispatch would.
 */
export function manualDispatchCommand(answers: Answers): string {
  const repo = answers.repo ?? PLACEHOLDER_REPO;
  const feature = answers.subscriptions[0]!.path;
  const words = [
    'gh', 'api', `repos/${repo}/dispatches`,
    '-f', `event_type=${answers.eventType}`,
    '-f', `client_payload[updated_feature]=${feature}`,
    '-f', `client_payload[source_repo]=${answers.upstream}`,
  ].map(shellWord);
  // The commit is looked up when the command runs, so it stays copy-pasteable.
  words.push('-f', `"client_payload[commit_sha]=$(gh api repos/${answers.upstream}/commits/HEAD --jq .sha)"`);
  return words.join(' ');
}

/** The cousin's entry for the monorepo's ecosystem.json. */
export function ecosystemEntry(answers: Answers, defaultEventType = DEFAULT_EVENT_TYPE): { repo: string; subscriptions: string[]; eventType?: string } {
  return {
    repo: answers.repo ?? PLACEHOLDER_REPO,
    subscriptions: answers.subscriptions.map((s) => s.path),
    ...(answers.eventType !== defaultEventType ? { eventType: answers.eventType } : {}),
  };
}

export function nextSteps(answers: Answers, registered: boolean): string {
  const repo = answers.repo ?? PLACEHOLDER_REPO;
  const steps: string[][] = [
    [
      `Add the secret ${SECRET_NAMES.token} to ${repo}: a token with Contents and Pull requests write here,`,
      `Contents read and Issues write on ${answers.upstream} (or a GitHub App: ${SECRET_NAMES.appId} and ${SECRET_NAMES.appPrivateKey}).`,
      `  gh secret set ${SECRET_NAMES.token} --repo ${repo}`,
    ],
  ];
  if (!registered) {
    const entry = JSON.stringify(ecosystemEntry(answers), null, 2).split('\n').map((line) => `  ${line}`);
    steps.push([`Add this cousin to ${answers.upstream}'s ecosystem.json (or re-run with --register PATH/TO/ecosystem.json):`, ...entry]);
  }
  if (!answers.standalone && !isCommitSha(reusableWorkflowPin(answers).ref)) {
    steps.push([
      `The workflow calls ${PROJECT_REPO} at the tag ${answers.ref}; a tag can be moved, a commit cannot.`,
      'For an immutable pin (what `ecosystem lint --workflows` asks for), re-run with --ref set to its commit:',
      `  git ls-remote https://github.com/${PROJECT_REPO}.git refs/tags/${answers.ref}`,
    ]);
  }
  steps.push(['Commit and push to the default branch: GitHub runs repository_dispatch workflows only from there.']);
  steps.push(['Try it with a manual dispatch:', `  ${manualDispatchCommand(answers)}`]);
  const numbered = steps.map((lines, i) => lines.map((line, j) => `${j === 0 ? `  ${i + 1}. ` : '     '}${line}`).join('\n'));
  return `Next steps:\n${numbered.join('\n')}\n`;
}
