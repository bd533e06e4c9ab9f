#!/usr/bin/env node
// The `motcua` command. TypeScript sources run through tsx, so there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
const code = await main(process.argv.slice(2));
if (typeof code === 'number') process.exitCode = code;
