#!/usr/bin/env node
// The `offprint` command. Runs on Node 24 (pinned in devDependencies), on the same data directory as the app.
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { ChromiumPrinter } from '../server/ChromiumPrinter.ts';
import { startHost } from '../server/startHost.ts';
import { runCli, type ServeFunction } from './runCli.ts';

const rendererDir = fileURLToPath(new URL('../../out/renderer', import.meta.url));

const serve: ServeFunction = (library, port) =>
  startHost({ handlers: library.handlers, events: library.events, rendererDir, port, images: library.images });

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  untilInterrupted: async () => {
    await Promise.race([once(process, 'SIGINT'), once(process, 'SIGTERM')]);
  },
  serve,
  printer: () => new ChromiumPrinter(),
});
process.exitCode = exitCode;
