import { describe, expect, it } from 'vitest';
import { issueMarker } from '@ecosystem-dispatcher/sync';
import { findFailureIssue, type ListedIssue } from './failure-issues.js';

function issue(number: number, body: string): ListedIssue {
  return { number, html_url: `https://github.com/acme/monorepo/issues/${number}`, title: `issue ${number}`, body, updated_at: '2026-11-20T10:00:00Z' };
}

describe('findFailureIssue', () => {
  const issues = [
    issue(1, `failed\n\n${issueMarker('acme/one', 'features/a')}`),
    issue(2, `failed\n\n${issueMarker('acme/two', undefined)}`),
  ];

  it('matches the marker sync writes for this cousin and feature', () => {
    expect(findFailureIssue(issues, 'acme/one', 'features/a')?.number).toBe(1);
    expect(findFailureIssue(issues, 'Acme/One', 'features/a')?.number).toBe(1);
  });

  it('does not give one feature the issue of another', () => {
    expect(findFailureIssue(issues, 'acme/one', 'features/b')).toBeUndefined();
  });

  it('falls back to the cousin-wide issue of a failure that was not about one feature', () => {
    expect(findFailureIssue(issues, 'acme/two', 'features/a')).toMatchObject({ number: 2, url: 'https://github.com/acme/monorepo/issues/2' });
  });
});
