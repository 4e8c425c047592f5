import { describe, expect, it } from 'vitest';
import { findUnsafeEntry } from './tree-safety.js';

const file = (path: string, oid = 'a'.repeat(40)) => ({ mode: '100644', oid, path });
const none = () => '';

describe('trees git would refuse', () => {
  it('a .git entry anywhere, in any case or disguise, is refused', () => {
    for (const path of ['features/a/.git', 'features/a/.GIT/config', 'features/a/x/.Git./hooks/pre-commit', 'features/a/git~1/config', 'features/a/.g\u200Cit/config']) {
      expect(findUnsafeEntry([file(path)], none)?.path, path).toBe(path);
    }
  });

  it('a .gitmodules link, or one whose URL is local, another transport or option-like, is refused', () => {
    expect(findUnsafeEntry([{ mode: '120000', oid: 'b'.repeat(40), path: 'features/a/.gitmodules' }], none)?.reason).toMatch(/symlink/);
    for (const url of ['/srv/evil', 'file:///etc', 'ext::sh -c touch% /tmp/pwned', '-u./payload', 'https://example.com/-x']) {
      const text = `[submodule "x"]\n\tpath = x\n\turl = ${url}\n`;
      expect(findUnsafeEntry([file('features/a/.gitmodules')], () => text)?.reason, url).toMatch(/submodule URL/);
    }
  });

  it('ordinary names and URLs pass', () => {
    const text = '[submodule "lib"]\n\tpath = lib\n\turl = https://github.com/acme/lib.git\n[submodule "b"]\n\turl = ../b.git\n';
    expect(findUnsafeEntry([file('features/a/.gitmodules'), file('features/a/.github/x.yml'), file('features/a/.gitignore'), file('features/a/git/x')], () => text)).toBeUndefined();
  });
});
