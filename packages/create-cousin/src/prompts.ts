import type { Readable, Writable } from 'node:stream';
import { intro, isCancel, multiselect, select, text } from '@clack/prompts';
import { UsageError } from '@ecosystem-dispatcher/core';
import { destinationProblem, featurePathProblem, METHODS, ROOT, upstreamProblem, type Draft } from './answers.js';

export interface PromptStreams {
  input: Readable;
  output: Writable;
}

export interface PromptHints {
  /** Features of a local monorepo checkout, offered as a list. */
  features: string[];
  /** owner/name of that checkout's origin, offered as the upstream. */
  upstream: string | undefined;
}

const METHOD_HINTS: Record<string, string> = {
  patch: '3-way merge, keeps local edits (recommended)',
  copy: 'mirror the folder, deletions included',
  'cherry-pick': 'for a layout identical to the monorepo',
  squash: 'one commit per sync',
  merge: 'a merge commit per sync',
};

/** Asks, on a terminal, for every answer the flags left open; each answer is checked as it is typed. */
export async function askMissingAnswers(draft: Draft, methodGiven: boolean, hints: PromptHints, streams: PromptStreams): Promise<Draft> {
  intro('create-cousin', streams);
  const answered: Draft = { ...draft, subscribe: [...draft.subscribe] };
  if (answered.upstream === undefined) {
    answered.upstream = answer(
      await text({
        ...streams,
        message: 'Which monorepo does this repository follow? (owner/name on GitHub)',
        placeholder: 'acme/monorepo',
        ...(hints.upstream ? { initialValue: hints.upstream } : {}),
        validate: (value) => (value ? upstreamProblem(value) : 'required'),
      }),
    );
  }
  if (answered.subscribe.length === 0) {
    const paths = await askFeatures(hints.features, streams);
    for (const featurePath of paths) {
      const to = answer(
        await text({
          ...streams,
          message: `Where does ${featurePath} land in this repository? ("." is the root)`,
          initialValue: paths.length === 1 ? ROOT : featurePath,
          validate: (value) => (value ? destinationProblem(value) : 'required'),
        }),
      );
      answered.subscribe.push(`${featurePath}:${to}`);
    }
  }
  if (!methodGiven) {
    answered.method = answer(
      await select({
        ...streams,
        message: 'How should upstream changes be brought in?',
        options: METHODS.map((method) => ({ value: method, label: method, hint: METHOD_HINTS[method] })),
        initialValue: 'patch',
      }),
    );
  }
  return answered;
}

async function askFeatures(features: string[], streams: PromptStreams): Promise<string[]> {
  if (features.length > 0) {
    return answer(
      await multiselect({
        ...streams,
        message: 'Which features should this repository follow? (space to pick, enter to confirm)',
        options: features.map((feature) => ({ value: feature, label: feature })),
        required: true,
      }),
    );
  }
  const typed = answer(
    await text({
      ...streams,
      message: 'Which monorepo folders should this repository follow? (comma-separated)',
      placeholder: 'features/webpush/flask',
      validate: (value) => {
        const paths = (value ?? '').split(',').map((p) => p.trim());
        if (paths.every((p) => p === '')) return 'required';
        const bad = paths.find((p) => featurePathProblem(p) !== undefined);
        return bad === undefined ? undefined : `${JSON.stringify(bad)} ${featurePathProblem(bad)}`;
      },
    }),
  );
  return typed.split(',').map((p) => p.trim()).filter((p) => p !== '');
}

function answer<T>(value: T): Exclude<T, symbol> {
  if (isCancel(value)) throw new UsageError('cancelled; nothing was written');
  return value as Exclude<T, symbol>;
}
