import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { articlePage, paragraphsAbout } from '../offline/offlinePages.ts';

/*
 * The Electron app runs its worker threads from the bundle (out/main), not
 * from the TypeScript sources the other tests use: a bundling mistake (two
 * top-level `require`s in one chunk, a missing entry) only shows here.
 * `npm test` builds the bundle before it runs the tests.
 */
const OUT_MAIN = new URL('../../../out/main/', import.meta.url);
const indexWorkerUrl = new URL('indexWorker.js', OUT_MAIN);
const extractWorkerUrl = new URL('extractWorker.js', OUT_MAIN);

let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let server: FixtureServer;

beforeEach(async () => {
  for (const url of [indexWorkerUrl, extractWorkerUrl]) {
    if (!existsSync(url)) throw new Error(`${fileURLToPath(url)} is missing: run \`npx electron-vite build\` first`);
  }
  temp = createTempDirectory('bundle');
  server = await startFixtureServer({
    '/story': serve(articlePage({ title: 'Gallium curbs', paragraphs: paragraphsAbout('gallium', 5) }), 'text/html'),
  });
  library = await openLibrary({
    dataDir: temp.path,
    searchWorkerUrl: indexWorkerUrl,
    extractWorkerUrl,
    searchWorkers: 1,
    extractWorkers: 1,
  });
});

afterEach(async () => {
  await library.close();
  await server.close();
  temp.dispose();
});

describe('the bundled worker entries', () => {
  it('extract a page and build the search index in worker threads', async () => {
    const clipped = await library.handlers['articles:clip']({ url: server.url('/story') });
    expect(clipped.article.title).toBe('Gallium curbs');
    const rebuilt = await library.handlers['search:rebuild']({});
    expect(rebuilt.documents).toBe(1);
    const found = await library.handlers['search:query']({
      query: 'licences gallium',
      limit: 10,
      offset: 0,
      sort: 'relevance',
    });
    expect(found.items.map((hit) => hit.article.id)).toEqual([clipped.article.id]);
  });
});
