// Regenerates examples/cousins/<name> from examples/cousins/answers.json with the built
// CLI (`npm run build` first). The examples test runs the same answers with --check.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cousins = fileURLToPath(new URL('../../../examples/cousins/', import.meta.url));
const monorepo = fileURLToPath(new URL('../../../examples/monorepo/', import.meta.url));
const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
const answers = JSON.parse(readFileSync(`${cousins}answers.json`, 'utf8'));

for (const [name, args] of Object.entries(answers)) {
  execFileSync(process.execPath, [bin, `${cousins}${name}`, ...args, '--monorepo', monorepo, '--yes', '--force'], { stdio: ['ignore', 'ignore', 'inherit'] });
  console.log(`examples/cousins/${name}`);
}
