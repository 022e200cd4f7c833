import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FixtureRoute = (request: IncomingMessage, response: ServerResponse) => void;

export interface FixtureServer {
  readonly origin: string;
  url(path: string): string;
  /** Replace or add a route while the server runs (e.g. a feed that changes). */
  route(path: string, handler: FixtureRoute): void;
  /** How many requests each path has seen. */
  hits(path: string): number;
  /** How many requests the server has seen in all, any path (a test that must make none compares two readings). */
  requests(): number;
  close(): Promise<void>;
}

/** A local HTTP server on 127.0.0.1 serving fixture feeds and pages; tests never touch the internet. */
export async function startFixtureServer(routes: Record<string, FixtureRoute> = {}): Promise<FixtureServer> {
  const table = new Map(Object.entries(routes));
  const counts = new Map<string, number>();
  let requests = 0;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://fixture.invalid').pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
    requests += 1;
    const handler = table.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end(`fixture server: no route ${path}\n`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => table.set(path, handler),
    hits: (path) => counts.get(path) ?? 0,
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Serves a fixed body with a content type (and optional extra headers). */
export function serve(body: string | Buffer, contentType: string, headers: Record<string, string> = {}): FixtureRoute {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, ...headers }).end(body);
  };
}

export interface FixtureItem {
  readonly guid: string;
  readonly title: string;
  readonly link: string;
  readonly body: string;
  readonly date?: string;
  readonly categories?: readonly string[];
}

/**
 * An RSS 2.0 document from a list of items. The channel links to `/`, so
 * relative item links (and the article pages a full-text feed fetches)
 * resolve to the fixture server itself, never to another host.
 */
export function rssFeed(title: string, items: readonly FixtureItem[]): string {
  const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const entries = items
    .map(
      (item) => `<item>
  <title>${escape(item.title)}</title>
  <link>${escape(item.link)}</link>
  <guid isPermaLink="false">${escape(item.guid)}</guid>
  <pubDate>${item.date ?? 'Sun, 07 Sep 2025 08:00:00 GMT'}</pubDate>
  ${(item.categories ?? []).map((category) => `<category>${escape(category)}</category>`).join('')}
  <description>${escape(item.body)}</description>
</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>${escape(title)}</title><link>/</link><description>Fixture</description>
${entries}
</channel></rss>`;
}
