import { readFileSync } from 'node:fs';

/** This package's version; the generated workflow pins the project's reusable workflow to `v<VERSION>`. */
export const VERSION: string = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;

/** The npm package that carries the `ecosystem` command; a standalone workflow installs it. */
export const TOOL_PACKAGE = '@ecosystem-dispatcher/cli';
