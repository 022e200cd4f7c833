import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WebFixtureRoute {
  readonly contentType: string;
  readonly body: string;
  readonly status?: number;
}

export interface WebFixture {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** Paths requested so far, in order. */
  readonly requested: string[];
  close(): Promise<void>;
}

/**
 * A local stand-in for the web: serves fixed bodies by path on 127.0.0.1,
 * 404 for anything else. `routesFor` receives the server's origin. Tests never reach the real network.
 */
export async function startWebFixture(
  routesFor: (origin: string) => Readonly<Record<string, WebFixtureRoute>>,
): Promise<WebFixture> {
  const requested: string[] = [];
  // Bodies such as feeds name their own absolute URLs, so routes are built once the port is known.
  let routes: Readonly<Record<string, WebFixtureRoute>> = {};
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture.invalid').pathname;
    requested.push(path);
    const route = routes[path];
    if (!route) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`startWebFixture: no route ${path}\n`);
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
  const origin = `http://127.0.0.1:${port}`;
  routes = routesFor(origin);
  return {
    origin,
    requested,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(new Error(`startWebFixture: close failed: ${error.message}`, { cause: error }));
          else resolve();
        });
        server.closeAllConnections();
      }),
  };
}
