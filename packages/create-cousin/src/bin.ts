#!/usr/bin/env node
import { processIO } from './io.js';
import { runCreateCousin } from './main.js';

process.exitCode = await runCreateCousin(process.argv.slice(2), processIO());
