import { describe, expect, it } from 'vitest';
import { DEFAULT_PROTECT, pathProtection } from './protected-paths.js';

describe('protected paths', () => {
  const protection = pathProtection({ configPath: 'subscriptions.json', patterns: [...DEFAULT_PROTECT] });

  it('always include .github/**, the config file and every .git* entry, in any case', () => {
    expect(protection.ruleFor('.github/workflows/evil.yml')).toBe('.github/**');
    expect(protection.ruleFor('.GitHub/workflows/evil.yml')).toBe('.github/**');
    expect(protection.ruleFor('Subscriptions.json')).toBe('subscriptions.json');
    expect(protection.ruleFor('.gitmodules')).toBe('.git*');
    expect(protection.ruleFor('app/a/.GITATTRIBUTES')).toBe('.git*');
  });

  it('include README.md and LICENSE at the root by default, not deeper', () => {
    expect(protection.ruleFor('README.md')).toBe('README.md');
    expect(protection.ruleFor('license')).toBe('LICENSE');
    expect(protection.ruleFor('LICENSE.txt')).toBe('LICENSE.*');
    expect(protection.ruleFor('app/README.md')).toBeUndefined();
    expect(protection.ruleFor('app/main.py')).toBeUndefined();
    expect(protection.ruleFor('github/x')).toBeUndefined();
  });

  it("follow the cousin's own list, globs included, which replaces the default", () => {
    const own = pathProtection({ configPath: 'config/subscriptions.json', patterns: ['deploy/**', '*.env'] });
    expect(own.ruleFor('deploy/prod.yml')).toBe('deploy/**');
    expect(own.ruleFor('.env')).toBe('*.env');
    expect(own.ruleFor('config/subscriptions.json')).toBe('config/subscriptions.json');
    expect(own.ruleFor('README.md')).toBeUndefined();
  });
});
