#!/usr/bin/env node
// Runs the CLI from its TypeScript source (internal packages are consumed as source; see ARCHITECTURE.md).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
