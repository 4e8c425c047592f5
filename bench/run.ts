/**
 * `npm run bench`: every benchmark of the project, each printing its figures and its ratio
 * against a baseline measured in the same run.
 */
import { existsSync } from 'node:fs';
import { cpus } from 'node:os';

const BENCHES: Array<{ file: string; exportName: string }> = [
  { file: 'matcher.ts', exportName: 'benchMatcher' },
  { file: 'lint.ts', exportName: 'benchLint' },
  { file: 'dispatch.ts', exportName: 'benchDispatch' },
  { file: 'delivery.ts', exportName: 'benchDelivery' },
  { file: 'sync.ts', exportName: 'benchSync' },
  { file: 'status.ts', exportName: 'benchStatus' },
  { file: 'package.ts', exportName: 'benchPackage' },
  { file: 'dashboard.ts', exportName: 'benchDashboard' },
];

const only = process.argv.slice(2);
console.log(`Ecosystem Dispatcher benchmarks — node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown cpu'})\n`);
let failed = false;
for (const { file, exportName } of BENCHES) {
  if (only.length > 0 && !only.some((name) => file.startsWith(name))) continue;
  const url = new URL(`./${file}`, import.meta.url);
  if (!existsSync(url)) continue;
  try {
    const bench = (await import(url.href))[exportName] as () => Promise<string[]>;
    for (const line of await bench()) console.log(line);
  } catch (error) {
    failed = true;
    console.log(`${file}: failed: ${(error as Error).message}`);
  }
  console.log('');
}
process.exitCode = failed ? 1 : 0;
