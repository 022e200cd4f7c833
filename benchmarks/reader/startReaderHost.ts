// The Node host for the reader benchmark, in a process of its own (as in the app, where the library runs
// beside the window, not in the process that drives it): the host's synchronous work must not hold up
// playwright-core's client, or every action the benchmark takes would seem to take as long as it.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openLibrary, type Library } from '../../electron/core/Library.ts';
import { startHost } from '../../electron/server/startHost.ts';
import type { CallName } from '../../electron/shared/contract.ts';
import { dispatchCall } from '../../electron/shared/dispatch.ts';

export interface ReaderHost {
  readonly url: string;
  readonly token: string;
  close(): Promise<void>;
}

interface HostReady {
  readonly url: string;
  readonly token: string;
}

const SERVE_FLAG = '--serve';
/** Earlier runs opened (so read) the newest articles; this many are made unread again before each run. */
const RESET_UNREAD = 500;

async function call(library: Library, name: CallName, request: unknown): Promise<unknown> {
  const result = await dispatchCall(library.handlers, name, request);
  if (!result.ok) throw new Error(`reader host: ${name} failed: ${result.error.message}`);
  return result.value;
}

/** The child: opens the library with search ready, serves it, says where on stdout, and stops when stdin closes. */
async function serve(dataDir: string, rendererDir: string): Promise<void> {
  const library = await openLibrary({ dataDir, openSearchEagerly: true });
  await library.search().index.catchUp();
  const page = (await call(library, 'articles:list', { limit: RESET_UNREAD })) as { items: { id: string }[] };
  const ids = page.items.map((item) => item.id);
  if (ids.length > 0) await call(library, 'articles:markRead', { ids, read: false });
  await library.search().index.catchUp();
  const host = await startHost({
    handlers: library.handlers,
    events: library.events,
    rendererDir,
    images: library.images,
  });
  const ready: HostReady = { url: host.url, token: host.token };
  process.stdout.write(`${JSON.stringify(ready)}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => {
    void host
      .close()
      .then(() => library.close())
      .then(() => process.exit(0));
  });
}

/** Starts the host over `dataDir` in a child process; resolves once it listens. */
export function startReaderHost(dataDir: string, rendererDir: string): Promise<ReaderHost> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), SERVE_FLAG, dataDir, rendererDir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('exit', (code) => {
      reject(new Error(`reader host: exited with ${code ?? 'a signal'} before it was ready`));
    });
    lines.once('line', (line) => {
      const ready = JSON.parse(line) as HostReady;
      resolve({
        ...ready,
        async close() {
          child.stdin.end();
          await exited;
        },
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2] === SERVE_FLAG) {
  const [dataDir, rendererDir] = process.argv.slice(3);
  if (dataDir === undefined || rendererDir === undefined) throw new Error('reader host: --serve DATA_DIR RENDERER_DIR');
  await serve(dataDir, rendererDir);
}
