import type { CallName, EventName, RequestOf, ResponseOf } from '../../../electron/shared/contract.ts';
import type { Result } from '../../../electron/shared/errors.ts';
import type { Article } from '../../../electron/shared/model.ts';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { paragraphsAbout } from '../offline/offlinePages.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { attempt, call as callHandlers } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

/** A library in a temp directory beside a local fixture server, with its calls and events at hand. */
export interface AnnotationWorld {
  readonly library: Library;
  readonly server: FixtureServer;
  readonly dataDir: string;
  readonly events: { name: EventName; payload: unknown }[];
  /** The library's clock; tests move it. */
  now: Date;
  call<Name extends CallName>(name: Name, request: RequestOf<Name>): Promise<ResponseOf<Name>>;
  attempt(name: CallName, request: unknown): Promise<Result<unknown>>;
  /** The one article of the fixture feed whose guid is `guid`. */
  article(guid: string): Promise<Article>;
  /** Rows of a table for an article, straight from the database. */
  count(table: 'notes' | 'highlights', articleId: string): number;
  close(): Promise<void>;
}

export interface WireItem {
  readonly guid: string;
  readonly title: string;
  readonly paragraphs: readonly string[];
}

/** Whole articles (full text is decided off for the feed): their text is the feed's. */
export function wireFeed(items: readonly WireItem[]): string {
  return rssFeed(
    'Metals Wire',
    items.map((item) => ({
      guid: item.guid,
      title: item.title,
      link: `/story/${item.guid}`,
      body: `<p>${item.paragraphs.join('</p><p>')}</p>`,
    })),
  );
}

export const GALLIUM_STORY: WireItem = {
  guid: 'gallium',
  title: 'Gallium licences tightened',
  paragraphs: [
    'Beijing tightened export licences for gallium on Monday, the commerce ministry said.',
    'Traders expect prices to rise in Europe within weeks, and smelters are already rationing supply.',
    ...paragraphsAbout('gallium', 6),
  ],
};

export const POTASH_STORY: WireItem = {
  guid: 'potash',
  title: 'Potash prices ease',
  paragraphs: ['Potash prices eased for a third week as buyers held off.', ...paragraphsAbout('potash', 6)],
};

export async function openAnnotationWorld(prefix: string, items: readonly WireItem[]): Promise<AnnotationWorld> {
  const server = await startFixtureServer({ '/wire.xml': serve(wireFeed(items), 'application/rss+xml') });
  const temp = createTempDirectory(prefix);
  const events: { name: EventName; payload: unknown }[] = [];
  const world: Partial<AnnotationWorld> & { now: Date } = { now: new Date('2026-03-02T09:00:00Z') };
  const library = await openLibrary({
    dataDir: temp.path,
    clock: () => world.now,
    extractWorkers: 1,
    searchWorkers: 1,
    fetchOptions: { totalTimeoutMs: 3000, connectTimeoutMs: 1000 },
  });
  library.events.subscribe((name, payload) => {
    events.push({ name, payload });
  });
  const call = <Name extends CallName>(name: Name, request: RequestOf<Name>): Promise<ResponseOf<Name>> =>
    callHandlers(library, name, request);
  return Object.assign(world, {
    library,
    server,
    dataDir: temp.path,
    events,
    call,
    attempt: (name: CallName, request: unknown) => attempt(library, name, request),
    article: async (guid: string) => {
      const page = await call('articles:list', { limit: 100 });
      const summary = page.items.find((item) => item.url === server.url(`/story/${guid}`));
      if (!summary) throw new Error(`no article with guid ${guid}`);
      return call('articles:get', { id: summary.id });
    },
    count: (table: 'notes' | 'highlights', articleId: string) =>
      (
        library.store.database.prepare(`SELECT count(*) AS n FROM ${table} WHERE article_id = ?`).get(articleId) as {
          n: number;
        }
      ).n,
    close: async () => {
      await library.close();
      await server.close();
      temp.dispose();
    },
  });
}
