import { describe, expect, it } from 'vitest';
import { announceMasks, maskSecrets } from './masking.js';

function sink() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
}

describe('maskSecrets', () => {
  it('replaces every occurrence of every secret', () => {
    expect(maskSecrets('a ghp_one b ghp_one c ghs_two', ['ghp_one', 'ghs_two'])).toBe('a *** b *** c ***');
  });

  it('masks the longer secret first when one contains another', () => {
    expect(maskSecrets('token=ghp_abcdef', ['ghp_abc', 'ghp_abcdef'])).toBe('token=***');
  });

  it('masks each line of a multi-line secret but not the PEM armour', () => {
    const key = '-----BEGIN PRIVATE KEY-----\nAAAAsecretline1\nBBBBsecretline2\n-----END PRIVATE KEY-----';
    expect(maskSecrets(`leaked: ${key}`, [key])).toBe('leaked: -----BEGIN PRIVATE KEY-----\n***\n***\n-----END PRIVATE KEY-----');
  });

  it('ignores values too short to be secrets', () => {
    expect(maskSecrets('a b c', ['a', ''])).toBe('a b c');
  });
});

describe('announceMasks', () => {
  it('registers each secret with ::add-mask:: inside GitHub Actions', () => {
    const stdout = sink();
    announceMasks(['ghs_installation', 'ghp_pat'], { stdout, env: { GITHUB_ACTIONS: 'true' } });
    expect(stdout.text).toBe('::add-mask::ghs_installation\n::add-mask::ghp_pat\n');
  });

  it('prints nothing outside Actions', () => {
    const stdout = sink();
    announceMasks(['ghs_installation'], { stdout, env: {} });
    expect(stdout.text).toBe('');
  });
});
