import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { Topic } from '../../../electron/shared/model.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { septemberDay, startWires, story, subscribeBoth, titlesOf, type Wires } from './topicWires.ts';

let wires: Wires;
let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let feeds: { metals: number; farm: number };

beforeAll(async () => {
  wires = await startWires();
});
afterAll(async () => {
  await wires.close();
});
beforeEach(async () => {
  temp = createTempDirectory('topic-calls');
  library = await openLibrary({ dataDir: join(temp.path, 'a') });
  feeds = await subscribeBoth(library, wires);
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

/** The parts of a topic an export carries. */
function rulesOf(topics: readonly Topic[]): object[] {
  return topics.map(({ name, query, feedIds, categories, notify }) => ({ name, query, feedIds, categories, notify }));
}

describe('topic calls refuse bad input plainly', () => {
  it('names the call, the value and why', async () => {
    await call(library, 'topics:create', { name: 'Gallium', query: 'gallium' });

    expectFailure(await attempt(library, 'topics:create', { name: '   ', query: 'gallium' }), 'bad-request', /name/);
    expectFailure(await attempt(library, 'topics:create', { name: 'x', query: '' }), 'bad-request', /query/);
    expectFailure(
      await attempt(library, 'topics:create', { name: 'GALLIUM', query: 'gallium' }),
      'conflict',
      /^topics:create: a topic named "Gallium" already exists \(topic \d+\)$/,
    );
    expectFailure(
      await attempt(library, 'topics:create', { name: 'Broken', query: '"rare earth' }),
      'bad-request',
      /^topics:create: the query "\\"rare earth" cannot be a topic rule as written: .*quote/i,
    );
    expectFailure(
      await attempt(library, 'topics:create', { name: 'Unread gold', query: 'gold is:unread' }),
      'bad-request',
      /is:unread filters by what you did with an article/,
    );
    expectFailure(
      await attempt(library, 'topics:create', { name: 'Elsewhere', query: 'gold', feedIds: [999] }),
      'not-found',
      /^topics:create: no feed with id 999$/,
    );
    expectFailure(
      await attempt(library, 'topics:update', { id: 999, name: 'x' }),
      'not-found',
      /^topics:update: no topic with id 999$/,
    );
    expectFailure(
      await attempt(library, 'topics:delete', { id: 999 }),
      'not-found',
      /^topics:delete: no topic with id 999$/,
    );
    expectFailure(
      await attempt(library, 'articles:list', { topicIds: [999] }),
      'not-found',
      /^articles:list: no topic with id 999$/,
    );
    expectFailure(
      await attempt(library, 'search:query', { query: 'gold', topicIds: [999] }),
      'not-found',
      /^search:query: no topic with id 999$/,
    );
    expectFailure(
      await attempt(library, 'topics:import', { content: 'name,query' }),
      'bad-request',
      /neither OPML nor/,
    );
    expect((await call(library, 'topics:list', {})).map((topic) => topic.name)).toEqual(['Gallium']);
  });

  it('renames onto its own name in another case, but not onto another topic', async () => {
    const gallium = await call(library, 'topics:create', { name: 'Gallium', query: 'gallium' });
    await call(library, 'topics:create', { name: 'Gold', query: 'gold' });
    expect((await call(library, 'topics:update', { id: gallium.id, name: 'GALLIUM' })).name).toBe('GALLIUM');
    expectFailure(
      await attempt(library, 'topics:update', { id: gallium.id, name: 'gold' }),
      'conflict',
      /^topics:update: a topic named "Gold" already exists/,
    );
  });
});

describe('starter topics', () => {
  it('are offered from the library, with their matches, and never created unasked', async () => {
    const suggestions = await call(library, 'topics:suggest', { limit: 8 });
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(8);
    expect(await call(library, 'topics:list', {})).toEqual([]);
    const critical = suggestions.find((suggestion) => suggestion.name === 'Critical Minerals');
    expect(critical).toMatchObject({
      categories: ['Critical Minerals'],
      reason: 'feed category of 2 articles',
      matches: 2,
    });
    const gallium = suggestions.find((suggestion) => suggestion.query === 'gallium');
    expect(gallium).toMatchObject({ name: 'Gallium', categories: [], matches: 2 });
    expect(gallium?.reason).toMatch(/^in the titles of 2 of the newest 7 articles$/);
    for (const suggestion of suggestions) {
      // Each one's count is what its preview says.
      const preview = await call(library, 'topics:preview', {
        query: suggestion.query,
        categories: [...suggestion.categories],
      });
      expect(preview.total, suggestion.name).toBe(suggestion.matches);
    }
    // Accepting one is a create like any other; what it covers is no longer offered.
    await call(library, 'topics:create', { name: 'Gallium', query: 'gallium', categories: ['Critical Minerals'] });
    const after = await call(library, 'topics:suggest', { limit: 8 });
    expect(after.some((suggestion) => suggestion.name === 'Critical Minerals' || suggestion.query === 'gallium')).toBe(
      false,
    );
    expect((await call(library, 'topics:list', {})).map((topic) => topic.name)).toEqual(['Gallium']);
  });
});

describe('starter topics from headlines', () => {
  it('never offer headline filler: company suffixes, reporting verbs, dates', async () => {
    const source = library.store.writer.addFeed(
      { url: 'import:wire', title: 'Wire', kind: 'import' },
      new Date().toISOString(),
    );
    const headline = (title: string) => ({
      guid: title,
      url: null,
      title,
      author: null,
      publishedAt: new Date().toISOString(),
      updatedAt: null,
      language: 'en',
      summary: null,
      contentHtml: null,
      text: `${title}. Shares moved in early trading.`,
      categories: [],
    });
    library.store.writer.upsertArticles(
      source.id,
      [headline('Acme Corp says Sept lithium output up'), headline('Borealis Corp says Sept lithium sales up')],
      new Date().toISOString(),
    );
    await library.search().index.catchUp();
    const names = (await call(library, 'topics:suggest', { limit: 20 })).map((suggestion) => suggestion.name);
    // What the two headlines share that names a subject is offered; the filler they share is not.
    expect(names).toContain('Lithium');
    for (const filler of ['Corp', 'Says', 'Sept', 'Up']) expect(names).not.toContain(filler);
  });
});

describe('export and import', () => {
  async function createSome(): Promise<void> {
    await call(library, 'topics:create', {
      name: 'Critical "minerals" & <more>',
      query: '"rare earth" OR gallium',
      feedIds: [feeds.metals],
      categories: ['Critical Minerals', 'a, b'],
      notify: true,
    });
    await call(library, 'topics:create', { name: 'Gold', query: 'gold -copper' });
  }

  for (const format of ['opml', 'json'] as const) {
    it(`round-trips every topic through ${format}, reporting duplicates on a second import`, async () => {
      await createSome();
      const exported = await call(library, 'topics:export', { format });
      expect(exported.count).toBe(2);
      const other = await openLibrary({ dataDir: join(temp.path, `b-${format}`) });
      try {
        await subscribeBoth(other, wires);
        const report = await call(other, 'topics:import', { content: exported.content });
        expect(report).toMatchObject({ duplicates: [], problems: [] });
        expect(rulesOf(report.added)).toEqual(rulesOf(await call(library, 'topics:list', {})));
        await other.topics.whenCurrent();
        expect(rulesOf(await call(other, 'topics:list', {}))).toEqual(rulesOf(await call(library, 'topics:list', {})));
        expect((await call(other, 'topics:list', {})).map((topic) => topic.counts.total)).toEqual([2, 1]);
        const again = await call(other, 'topics:import', { content: exported.content });
        expect(again).toEqual({ added: [], duplicates: ['Critical "minerals" & <more>', 'Gold'], problems: [] });
      } finally {
        await other.close();
      }
    });
  }

  it('drops feeds the importing library does not have, and reports entries it cannot use', async () => {
    await createSome();
    const { content } = await call(library, 'topics:export', { format: 'json' });
    const document = JSON.parse(content) as { version: number; topics: object[] };
    document.topics.push(
      { name: 'Gold', query: 'gold again' },
      { name: 'No query' },
      { name: 'Unread', query: 'gold is:unread' },
      { name: 'Odd feeds', query: 'gold', feedIds: ['three'] },
    );
    const other = await openLibrary({ dataDir: join(temp.path, 'b') });
    try {
      const report = await call(other, 'topics:import', { content: JSON.stringify(document) });
      expect(report.added.map((topic) => [topic.name, topic.feedIds])).toEqual([
        ['Critical "minerals" & <more>', null],
        ['Gold', null],
      ]);
      expect(report.duplicates).toEqual(['Gold']);
      expect(report.problems).toEqual([
        'topic 4 has no query — skipped.',
        'topic 6: feedIds must be feed ids (whole numbers) — skipped.',
        `"Critical "minerals" & <more>": feed ${feeds.metals} does not exist here — dropped; it now covers every feed.`,
        expect.stringMatching(/^"Unread": is:unread filters by .* Not imported\.$/),
      ]);
    } finally {
      await other.close();
    }
  });

  it('reads OPML saved searches wherever they sit, and says which outlines it skipped', async () => {
    const opml = `<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
  <outline text="Folder"><outline type="search" text="Potash" query="potash"/></outline>
  <outline type="rss" text="A feed" xmlUrl="https://example.com/feed"/>
  <outline type="search" text="Empty"/>
  <outline type="SEARCH" title="Wheat" query="wheat" notify="true" categories="[&quot;Grains&quot;]"/>
</body></opml>`;
    const report = await call(library, 'topics:import', { content: opml });
    expect(report.added.map((topic) => [topic.name, topic.query, topic.notify, topic.categories])).toEqual([
      ['Potash', 'potash', false, []],
      ['Wheat', 'wheat', true, ['Grains']],
    ]);
    expect(report.problems).toEqual(['line 5 ("Empty") has no query — skipped.']);
  });
});

describe('filters combine', () => {
  it('topic × feed × unread × saved × dates × text, in article lists and in search', async () => {
    const critical = await call(library, 'topics:create', { name: 'Critical', query: '"rare earth" OR gallium' });
    const gold = await call(library, 'topics:create', { name: 'Gold', query: 'gold' });
    await library.topics.whenCurrent();
    const all = (await call(library, 'articles:list', { limit: 100 })).items;
    const idOf = (guid: string): string => all.find((article) => article.title === story(guid).title)?.id ?? '';
    await call(library, 'articles:markRead', { ids: [idOf('m-gallium')], read: true });
    await call(library, 'articles:setSaved', { id: idOf('m-rare'), saved: true });

    const list = async (filter: Record<string, unknown>): Promise<string[]> =>
      (await call(library, 'articles:list', { limit: 100, ...filter })).items.map((article) => article.title).sort();
    const search = async (query: string, filter: Record<string, unknown> = {}): Promise<string[]> => {
      const results = await call(library, 'search:query', { query, limit: 100, ...filter });
      return results.items.map((item) => item.article.title).sort();
    };
    const topicIds = [critical.id];

    expect(await list({ topicIds })).toEqual(titlesOf(story('m-gallium'), story('m-rare'), story('f-gallium')));
    expect(await list({ topicIds, feedId: feeds.farm })).toEqual(titlesOf(story('f-gallium')));
    expect(await list({ topicIds, unread: true })).toEqual(titlesOf(story('m-rare'), story('f-gallium')));
    expect(await list({ topicIds, saved: true })).toEqual(titlesOf(story('m-rare')));
    const after = septemberDay(2).toISOString();
    const before = septemberDay(5).toISOString();
    expect(await list({ topicIds, after, before })).toEqual(titlesOf(story('m-rare')));
    expect(await list({ topicIds: [critical.id, gold.id], after })).toEqual(
      titlesOf(story('m-rare'), story('m-gold'), story('f-gallium')),
    );

    // Search text within the topic: "magnets" is in one critical story and no other.
    expect(await search('magnets', { topicIds })).toEqual(titlesOf(story('m-rare')));
    expect(await search('magnets', { topicIds: [gold.id] })).toEqual([]);
    // Text that every story shares, narrowed by each filter in turn.
    expect(await search('officials', { topicIds })).toEqual(
      titlesOf(story('m-gallium'), story('m-rare'), story('f-gallium')),
    );
    expect(await search('officials', { topicIds, feedId: feeds.metals, unread: true })).toEqual(
      titlesOf(story('m-rare')),
    );
    expect(await search('officials', { topicIds, saved: false })).toEqual(
      titlesOf(story('m-gallium'), story('f-gallium')),
    );
    // The request's dates and the query's after:/before: both hold.
    expect(await search('officials', { topicIds, after })).toEqual(titlesOf(story('m-rare'), story('f-gallium')));
    expect(await search('officials before:2025-09-04', { topicIds, after })).toEqual(titlesOf(story('m-rare')));
    expect(await search('officials after:2025-09-03', { topicIds, before })).toEqual([]);
    // Filters alone: the topic's articles within the range.
    expect(await search('after:2025-01-01', { topicIds, before })).toEqual(
      titlesOf(story('m-gallium'), story('m-rare')),
    );
  });
});
