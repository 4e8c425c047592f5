// Ships the top-level templates/ inside the package (npm pack only sees the package
// folder) and records the third-party action pins of the project's own reusable
// workflows, so a standalone cousin workflow uses exactly the same action commits.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = new URL('../../../', import.meta.url);
const source = fileURLToPath(new URL('templates/', repoRoot));
const workflows = fileURLToPath(new URL('.github/workflows/', repoRoot));
const target = `${packageRoot}templates`;

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
cpSync(source, target, { recursive: true });

/** `uses: owner/repo@<40 hex> # v1.2.3` → { "owner/repo": { sha, version } } */
const USES = /^\s*(?:-\s+)?uses:\s*([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)@([0-9a-f]{40})\s+#\s*(v\S+)\s*$/;
const pins = {};
const files = existsSync(workflows) ? readdirSync(workflows).filter((name) => /\.ya?ml$/.test(name)).sort() : [];
for (const name of files) {
  for (const line of readFileSync(`${workflows}${name}`, 'utf8').split('\n')) {
    const match = USES.exec(line);
    if (!match) continue;
    const [, action, sha, version] = match;
    const known = pins[action];
    if (known && known.sha !== sha) {
      throw new Error(`.github/workflows pin ${action} to two commits (${known.sha} ${known.version}, ${sha} ${version} in ${name}); pin one`);
    }
    pins[action] = { sha, version };
  }
}
writeFileSync(`${target}/action-pins.json`, `${JSON.stringify(pins, null, 2)}\n`);

// The release build knows the commit its tag will name (set ECOSYSTEM_RELEASE_COMMIT to
// github.sha there): generated workflows then pin the reusable workflow by that commit.
const releaseCommit = process.env.ECOSYSTEM_RELEASE_COMMIT;
if (releaseCommit) {
  if (!/^[0-9a-f]{40}$/.test(releaseCommit)) throw new Error(`ECOSYSTEM_RELEASE_COMMIT must be a full commit SHA (got ${JSON.stringify(releaseCommit)})`);
  const { version } = JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8'));
  writeFileSync(`${target}/release.json`, `${JSON.stringify({ tag: `v${version}`, commit: releaseCommit }, null, 2)}\n`);
}
