#!/usr/bin/env node
// The `aftercare` command (npx aftercare …). Runs the compiled CLI: build first with `npm run build`.
import { existsSync } from 'node:fs';

const cli = new URL('../dist/src/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('aftercare: the server is not built yet. Run `npm run build` first.');
  process.exit(1);
}
const { main } = await import(cli.href);
await main(process.argv.slice(2));
