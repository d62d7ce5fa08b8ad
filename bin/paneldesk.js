#!/usr/bin/env node
// Runs the TypeScript command line through tsx, so `npx paneldesk …` works straight after `npm install`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../main/cli/index.ts');
process.exitCode = await main(process.argv.slice(2));
