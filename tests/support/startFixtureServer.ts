import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureRoute {
  readonly contentType: string;
  readonly body: string;
  readonly status?: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Paths requested so far, in order. */
  readonly requested: string[];
  close(): Promise<void>;
}

/**
 * A local stand-in for the web: serves fixed bodies by path on 127.0.0.1,
 * 404 for anything else. Tests never reach the real network.
 */
export async function startFixtureServer(routes: Readonly<Record<string, FixtureRoute>>): Promise<FixtureServer> {
  const requested: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture.invalid').pathname;
    requested.push(path);
    const route = routes[path];
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`fixture server: no route ${path}\n`);
      return;
    }
    response.writeHead(route.status ?? 200, { 'Content-Type': route.contentType });
    response.end(request.method === 'HEAD' ? undefined : route.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(new Error(`startFixtureServer: close failed: ${error.message}`, { cause: error }));
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
