import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { INDEX_DIRECTORY, openLibrary, type Library } from '../../../electron/core/Library.ts';
import type { TopicEvent } from '../../../electron/shared/model.ts';
import { call } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import {
  FARM,
  METALS,
  startWires,
  story,
  subscribeBoth,
  titlesOf,
  topicTitles,
  type WireStory,
  type Wires,
} from './topicWires.ts';

const CRITICAL = '"rare earth" OR neodymium OR gallium';

let wires: Wires;
let temp: ReturnType<typeof createTempDirectory>;
let library: Library;
let topicEvents: TopicEvent[];

async function open(): Promise<Library> {
  const opened = await openLibrary({ dataDir: join(temp.path, 'data') });
  opened.events.subscribe((name, payload) => {
    if (name === 'topics:progress') topicEvents.push(payload as TopicEvent);
  });
  return opened;
}

beforeAll(async () => {
  wires = await startWires();
});
afterAll(async () => {
  await wires.close();
});
beforeEach(async () => {
  temp = createTempDirectory('topics');
  topicEvents = [];
  wires.publish('/metals.xml', METALS);
  wires.publish('/farm.xml', FARM);
  library = await open();
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

describe('topics are assigned as articles are stored', () => {
  it('assigns the articles of a refresh that match, and notifies only for the ones that joined', async () => {
    const topic = await call(library, 'topics:create', { name: 'Critical minerals', query: CRITICAL, notify: true });
    const quiet = await call(library, 'topics:create', { name: 'Gold', query: 'gold' });
    await subscribeBoth(library, wires);
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toEqual(
      titlesOf(story('m-gallium'), story('m-rare'), story('f-gallium')),
    );
    expect(await topicTitles(library, [quiet.id])).toEqual(titlesOf(story('m-gold')));
    const matchedBefore = topicEvents.filter((event) => event.kind === 'matched');
    expect(matchedBefore.every((event) => event.topicId === topic.id)).toBe(true);
    expect(matchedBefore.flatMap((event) => event.articleIds)).toHaveLength(3);

    // A new story arrives; a known one changes and no longer says what the rule asks for.
    const neodymium: WireStory = {
      guid: 'm-neodymium',
      title: 'Neodymium supply squeezed',
      subject: 'neodymium supply',
      day: 7,
    };
    const rewritten: WireStory = { ...story('m-rare'), title: 'Magnet makers face new curbs', subject: 'magnets' };
    wires.publish('/metals.xml', [...METALS.filter((item) => item.guid !== 'm-rare'), rewritten, neodymium]);
    topicEvents = [];
    const report = await call(library, 'feeds:refresh', {});
    expect(report.feeds.find((feed) => feed.url === wires.metalsUrl)).toMatchObject({ newCount: 1, updatedCount: 1 });
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toEqual(titlesOf(story('m-gallium'), story('f-gallium'), neodymium));
    const matched = topicEvents.filter((event) => event.kind === 'matched');
    expect(matched).toHaveLength(1);
    const neodymiumId = (await call(library, 'articles:list', { limit: 50 })).items.find(
      (article) => article.title === neodymium.title,
    )?.id;
    expect(matched[0]).toEqual({
      kind: 'matched',
      topicId: topic.id,
      topicName: 'Critical minerals',
      articleIds: [neodymiumId],
    });
  });

  it('applies a new topic to the library in the background, with progress, and lists it as applying until then', async () => {
    await subscribeBoth(library, wires);
    const created = await call(library, 'topics:create', { name: 'Critical minerals', query: CRITICAL });
    expect(created).toMatchObject({ applying: true, counts: { total: 0, unread: 0, saved: 0 } });
    await library.topics.whenCurrent();
    const [listed] = await call(library, 'topics:list', {});
    expect(listed).toMatchObject({ id: created.id, applying: false, counts: { total: 3, unread: 3, saved: 0 } });
    const own = topicEvents.filter((event) => event.topicId === created.id);
    expect(own.some((event) => event.kind === 'applying')).toBe(true);
    expect(own.at(-1)).toEqual({ kind: 'applied', topicId: created.id, counts: { total: 3, unread: 3, saved: 0 } });
    // Applying the whole library is not news: no `matched` event.
    expect(own.some((event) => event.kind === 'matched')).toBe(false);
  });

  it('replaces the assignment when the rule changes, and not when only the name does', async () => {
    await subscribeBoth(library, wires);
    const topic = await call(library, 'topics:create', { name: 'Watch', query: 'gallium' });
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toEqual(titlesOf(story('m-gallium'), story('f-gallium')));

    const renamed = await call(library, 'topics:update', { id: topic.id, name: 'Watch list' });
    expect(renamed).toMatchObject({ name: 'Watch list', applying: false, counts: { total: 2 } });

    const changed = await call(library, 'topics:update', { id: topic.id, query: 'copper OR gold' });
    expect(changed.applying).toBe(true);
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toEqual(titlesOf(story('m-copper'), story('m-gold')));
  });

  it('lets a later rule change supersede one not yet applied', async () => {
    await subscribeBoth(library, wires);
    const topic = await call(library, 'topics:create', { name: 'Watch', query: 'gallium' });
    await call(library, 'topics:update', { id: topic.id, query: 'wheat' });
    await call(library, 'topics:update', { id: topic.id, query: 'potash' });
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toEqual(titlesOf(story('f-potash')));
    const applied = topicEvents.filter((event) => event.kind === 'applied');
    expect(applied).toEqual([{ kind: 'applied', topicId: topic.id, counts: { total: 1, unread: 1, saved: 0 } }]);
    expect((await call(library, 'topics:list', {}))[0]?.applying).toBe(false);
  });

  it('limits a topic to its feeds, and puts in articles filed under its categories whatever their text', async () => {
    const { metals, farm } = await subscribeBoth(library, wires);
    const metalsOnly = await call(library, 'topics:create', {
      name: 'Metals gallium',
      query: 'gallium',
      feedIds: [metals],
    });
    const metalsByCategory = await call(library, 'topics:create', {
      name: 'Bullion and base metals',
      query: 'gold',
      categories: ['base metals'],
    });
    // The feed limit holds for categories too; categories match whatever their case.
    const farmCritical = await call(library, 'topics:create', {
      name: 'Farm critical minerals',
      query: 'gold',
      feedIds: [farm],
      categories: ['CRITICAL MINERALS'],
    });
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [metalsOnly.id])).toEqual(titlesOf(story('m-gallium')));
    expect(await topicTitles(library, [metalsByCategory.id])).toEqual(titlesOf(story('m-copper'), story('m-gold')));
    expect(await topicTitles(library, [farmCritical.id])).toEqual(titlesOf(story('f-gallium')));
    // Any of several topics.
    expect(await topicTitles(library, [metalsOnly.id, farmCritical.id])).toEqual(
      titlesOf(story('m-gallium'), story('f-gallium')),
    );
  });

  it('assigns articles that a rebuilt index took in without naming them', async () => {
    await subscribeBoth(library, wires);
    const topic = await call(library, 'topics:create', { name: 'Critical minerals', query: CRITICAL });
    await library.topics.whenCurrent();
    await library.close();
    // Written by another process: in the store, not yet in the index; then the index is lost.
    library = await open();
    const feedId = (await call(library, 'feeds:list', {}))[0]?.id ?? 0;
    library.store.writer.upsertArticles(
      feedId,
      [
        {
          guid: 'x-gallium',
          url: null,
          title: 'Gallium stockpile grows',
          author: null,
          publishedAt: '2025-09-08T08:00:00.000Z',
          updatedAt: null,
          language: 'en',
          summary: null,
          contentHtml: null,
          text: 'Gallium stockpiles grew.',
          categories: [],
        },
      ],
      new Date().toISOString(),
    );
    await library.close();
    rmSync(join(temp.path, 'data', INDEX_DIRECTORY), { recursive: true, force: true });
    library = await open();
    await library.topics.whenCurrent();
    expect(await topicTitles(library, [topic.id])).toContain('Gallium stockpile grows');
    expect((await call(library, 'topics:list', {}))[0]).toMatchObject({ applying: false, counts: { total: 4 } });
  });

  it('resumes an application cut short when the library opens again', async () => {
    await subscribeBoth(library, wires);
    const topic = await call(library, 'topics:create', { name: 'Critical minerals', query: CRITICAL });
    // Closed before the background application ran.
    await library.close();
    library = await open();
    expect((await call(library, 'topics:list', {}))[0]).toMatchObject({ id: topic.id, applying: true });
    await library.topics.whenCurrent();
    expect((await call(library, 'topics:list', {}))[0]).toMatchObject({
      applying: false,
      counts: { total: 3, unread: 3, saved: 0 },
    });
  });
});

describe('preview', () => {
  it('matches exactly what the assignment that follows holds, newest first', async () => {
    const { metals } = await subscribeBoth(library, wires);
    const rules = [
      { query: CRITICAL },
      { query: 'gallium OR gold', feedIds: [metals] },
      { query: 'gold', categories: ['critical minerals', 'grains'] },
      { query: 'gallium OR copper OR wheat after:2025-09-03' },
      { query: '-gallium' },
    ];
    for (const [position, rule] of rules.entries()) {
      const preview = await call(library, 'topics:preview', { ...rule, limit: 2 });
      expect(preview.problems).toEqual([]);
      const topic = await call(library, 'topics:create', { name: `Rule ${position}`, ...rule });
      await library.topics.whenCurrent();
      const assigned = await call(library, 'articles:list', { topicIds: [topic.id], limit: 500 });
      expect(preview.total, rule.query).toBe(assigned.total);
      expect(preview.sample.map((article) => article.id)).toEqual(
        assigned.items.slice(0, 2).map((article) => article.id),
      );
    }
  });

  it('reports what it cannot use, in words, and never creates anything', async () => {
    await subscribeBoth(library, wires);
    const preview = await call(library, 'topics:preview', { query: 'gallium is:unread (wheat', feedIds: [999] });
    expect(preview.problems).toEqual([
      'There is no feed with id 999 — left out.',
      expect.stringMatching(/Unclosed "\("/),
      expect.stringMatching(/^is:unread .* ignored\.$/),
    ]);
    // gallium or wheat, whatever the reading state.
    expect(preview.total).toBe(3);
    expect(await call(library, 'topics:list', {})).toEqual([]);
  });
});

describe('counts', () => {
  it('stay right while a refresh stores articles and others are read and saved', async () => {
    await subscribeBoth(library, wires);
    const topic = await call(library, 'topics:create', { name: 'Copper', query: 'copper' });
    await library.topics.whenCurrent();
    // Twenty more copper stories and twenty tin stories arrive while the user reads and saves.
    const more = Array.from({ length: 40 }, (_, index) => ({
      guid: `m-more-${index}`,
      title: `${index % 2 === 0 ? 'Copper' : 'Tin'} note ${index}`,
      subject: index % 2 === 0 ? 'copper cathodes' : 'tin solder',
      day: 10 + (index % 15),
    }));
    wires.publish('/metals.xml', [...METALS, ...more]);
    const reading = (async () => {
      for (let round = 0; round < 20; round += 1) {
        const page = await call(library, 'articles:list', { limit: 500 });
        const copper = page.items.filter((article) => article.title.startsWith('Copper'));
        const target = copper[round % Math.max(1, copper.length)];
        if (target) {
          await call(library, 'articles:markRead', { ids: [target.id], read: round % 3 !== 0 });
          await call(library, 'articles:setSaved', { id: target.id, saved: round % 2 === 0 });
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    await Promise.all([call(library, 'feeds:refresh', {}), reading]);
    await library.topics.whenCurrent();

    // The reference: every copper article by its title, with its state as the store says now.
    const all = (await call(library, 'articles:list', { limit: 500 })).items.filter((article) =>
      article.title.startsWith('Copper'),
    );
    expect(all).toHaveLength(21);
    const [listed] = await call(library, 'topics:list', {});
    expect(listed?.counts).toEqual({
      total: all.length,
      unread: all.filter((article) => !article.read).length,
      saved: all.filter((article) => article.saved).length,
    });
    expect(listed?.counts.unread).toBeLessThan(all.length);
    expect(listed?.counts.saved).toBeGreaterThan(0);
    expect(topic.id).toBe(listed?.id);
  });
});
