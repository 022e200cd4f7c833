import { existsSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Library } from '../../../electron/core/Library.ts';
import { CLIPPED_FEED_TITLE, CLIPPED_FEED_URL } from '../../../electron/core/offline/clipPage.ts';
import { attempt, call } from '../../support/callHandlers.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { offlinePassReport } from '../../unit/care/offlinePassReport.ts';
import { addArticle, addFeed, articleIds, imageHashOf, NOW, openCareLibrary } from './careLibrary.ts';

let temp: ReturnType<typeof createTempDirectory>;
let library: Library;

beforeEach(async () => {
  temp = createTempDirectory('retention');
  library = await openCareLibrary(temp.path);
});
afterEach(async () => {
  await library.close();
  temp.dispose();
});

const RED = [200, 40, 40] as const;
const GREEN = [40, 200, 40] as const;
const BLUE = [40, 40, 200] as const;

function imageFileExists(color: readonly [number, number, number]): boolean {
  return existsSync(library.images.filePath(imageHashOf(color), 'image/png'));
}

function imageRowExists(color: readonly [number, number, number]): boolean {
  return library.store.database.prepare('SELECT 1 FROM images WHERE hash = ?').get(imageHashOf(color)) !== undefined;
}

describe('retention settings', () => {
  it('keeps everything by default: nothing to preview, nothing deleted', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    await addArticle(library, feedId, { title: 'Ancient read story', age: 4000, read: true });
    expect(await call(library, 'retention:get', {})).toEqual({
      globalDays: null,
      feeds: [{ feedId, title: 'Copper Wire', days: null, effectiveDays: null }],
    });
    expect((await call(library, 'retention:preview', {})).total).toBe(0);
    expect(await call(library, 'retention:run', {})).toEqual({
      deleted: 0,
      imagesDeleted: 0,
      bytesFreed: 0,
      problems: [],
    });
    expect(library.store.reader.countArticles()).toBe(1);
  });

  it('sets the global days and a feed’s own, and clears them again', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    await call(library, 'retention:set', { globalDays: 30 });
    const other = addFeed(library, 'Gold Wire');
    expect(await call(library, 'retention:set', { feedId, days: 7 })).toEqual({
      globalDays: 30,
      feeds: [
        { feedId, title: 'Copper Wire', days: 7, effectiveDays: 7 },
        { feedId: other, title: 'Gold Wire', days: null, effectiveDays: 30 },
      ],
    });
    const cleared = await call(library, 'retention:set', { globalDays: null, feedId, days: null });
    expect(cleared.globalDays).toBeNull();
    expect(cleared.feeds.map((feed) => [feed.days, feed.effectiveDays])).toEqual([
      [null, null],
      [null, null],
    ]);
  });

  it('refuses a request that sets nothing, days without a feed, and an unknown feed', async () => {
    expectFailure(await attempt(library, 'retention:set', {}), 'bad-request', /retention:set: nothing to set/);
    expectFailure(await attempt(library, 'retention:set', { days: 3 }), 'bad-request', /days needs a feedId/);
    expectFailure(await attempt(library, 'retention:set', { feedId: 99, days: 3 }), 'not-found', /no feed with id 99/);
    expectFailure(await attempt(library, 'retention:set', { globalDays: 0 }), 'bad-request', /globalDays/);
  });
});

describe('retention clean-up', () => {
  it('deletes only read, unsaved, un-annotated articles older than the cutoff', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    const doomed = await addArticle(library, feedId, { title: 'Old read story', age: 40, read: true });
    const kept = await Promise.all([
      addArticle(library, feedId, { title: 'Old unread story', age: 40 }),
      addArticle(library, feedId, { title: 'Old saved story', age: 40, read: true, saved: true }),
      addArticle(library, feedId, { title: 'Old noted story', age: 40, read: true, note: true }),
      addArticle(library, feedId, { title: 'Old highlighted story', age: 40, read: true, highlight: true }),
      addArticle(library, feedId, { title: 'Recent read story', age: 29, read: true }),
    ]);
    await call(library, 'retention:set', { globalDays: 30 });

    const preview = await call(library, 'retention:preview', { limit: 10 });
    expect(preview.total).toBe(1);
    expect(preview.byFeed).toEqual([{ feedId, title: 'Copper Wire', count: 1 }]);
    expect(preview.sample.map((article) => article.id)).toEqual([doomed]);

    expect((await call(library, 'retention:run', {})).deleted).toBe(1);
    expect(articleIds(library.store.database)).toEqual([...kept].sort());
    // What the user added is still attached to what was kept.
    expect(library.store.database.prepare('SELECT count(*) AS n FROM notes').get()).toEqual({ n: 1 });
    expect(library.store.database.prepare('SELECT count(*) AS n FROM highlights').get()).toEqual({ n: 1 });
  });

  it('lets a feed’s own days beat the global ones, both shorter and longer', async () => {
    const strict = addFeed(library, 'Strict Wire');
    const lenient = addFeed(library, 'Lenient Wire');
    const plain = addFeed(library, 'Plain Wire');
    const strictTen = await addArticle(library, strict, { title: 'Strict ten days', age: 10, read: true });
    await addArticle(library, lenient, { title: 'Lenient forty days', age: 40, read: true });
    const lenientHundred = await addArticle(library, lenient, { title: 'Lenient hundred days', age: 100, read: true });
    await addArticle(library, plain, { title: 'Plain ten days', age: 10, read: true });
    const plainForty = await addArticle(library, plain, { title: 'Plain forty days', age: 40, read: true });
    await call(library, 'retention:set', { globalDays: 30 });
    await call(library, 'retention:set', { feedId: strict, days: 7 });
    await call(library, 'retention:set', { feedId: lenient, days: 90 });

    const preview = await call(library, 'retention:preview', { limit: 10 });
    expect(new Set(preview.sample.map((article) => article.id))).toEqual(
      new Set([strictTen, lenientHundred, plainForty]),
    );
    expect(preview.byFeed.map((feed) => [feed.title, feed.count]).sort()).toEqual([
      ['Lenient Wire', 1],
      ['Plain Wire', 1],
      ['Strict Wire', 1],
    ]);
    // The oldest first.
    expect(preview.sample[0]?.id).toBe(lenientHundred);
  });

  it('applies a feed’s own days when the global setting keeps everything', async () => {
    const strict = addFeed(library, 'Strict Wire');
    const plain = addFeed(library, 'Plain Wire');
    const doomed = await addArticle(library, strict, { title: 'Strict old', age: 10, read: true });
    await addArticle(library, plain, { title: 'Plain very old', age: 1000, read: true });
    await call(library, 'retention:set', { feedId: strict, days: 7 });
    expect((await call(library, 'retention:preview', {})).sample.map((article) => article.id)).toEqual([doomed]);
  });

  it('never lets the global setting delete clipped pages; the Clipped source’s own setting does', async () => {
    const clipped = library.store.writer.addFeed(
      { url: CLIPPED_FEED_URL, title: CLIPPED_FEED_TITLE, kind: 'import' },
      NOW.toISOString(),
    ).id;
    const page = await addArticle(library, clipped, { title: 'A clipped page', age: 400, read: true });
    const settings = await call(library, 'retention:set', { globalDays: 30 });
    expect(settings.feeds).toEqual([{ feedId: clipped, title: 'Clipped', days: null, effectiveDays: null }]);
    expect((await call(library, 'retention:preview', {})).total).toBe(0);
    await call(library, 'retention:set', { feedId: clipped, days: 365 });
    expect((await call(library, 'retention:preview', {})).sample.map((article) => article.id)).toEqual([page]);
  });

  it('deletes exactly what the preview listed, image files included, and tells the library it changed', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    const other = addFeed(library, 'Gold Wire');
    for (let day = 31; day < 43; day += 1) {
      await addArticle(library, day % 2 === 0 ? feedId : other, {
        title: `Story of day ${day}`,
        age: day,
        read: day % 3 !== 0,
        images: day % 4 === 0 ? [[day, 10, 10]] : [],
      });
    }
    await call(library, 'retention:set', { globalDays: 30 });
    const before = new Set(articleIds(library.store.database));
    const preview = await call(library, 'retention:preview', { limit: 100 });
    const changes: unknown[] = [];
    const stop = library.events.subscribe((name, payload) => {
      if (name === 'library:changed') changes.push(payload);
    });
    const report = await call(library, 'retention:run', {});
    stop();

    const after = new Set(articleIds(library.store.database));
    const deleted = [...before].filter((id) => !after.has(id)).sort();
    expect(deleted).toEqual(preview.sample.map((article) => article.id).sort());
    expect(report.deleted).toBe(preview.total);
    expect(preview.total).toBe(8);
    expect(report.imagesDeleted).toBe(preview.images);
    expect(report.bytesFreed).toBe(preview.imageBytes);
    expect(preview.images).toBeGreaterThan(0);
    expect(changes).toEqual([{ reason: 'articles', feedIds: expect.arrayContaining([feedId, other]) as unknown }]);
    expect((await call(library, 'retention:preview', {})).total).toBe(0);
  });

  it('keeps an image file while any remaining article uses it, and removes the ones nothing uses', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    await addArticle(library, feedId, { title: 'Old story', age: 40, read: true, images: [RED, GREEN] });
    await addArticle(library, feedId, { title: 'Kept story', age: 1, read: true, images: [RED] });
    await addArticle(library, feedId, { title: 'Old saved story', age: 40, read: true, saved: true, images: [BLUE] });
    await call(library, 'retention:set', { globalDays: 30 });

    const preview = await call(library, 'retention:preview', {});
    expect(preview.images).toBe(1);
    const report = await call(library, 'retention:run', {});
    expect(report).toMatchObject({ deleted: 1, imagesDeleted: 1, problems: [] });
    expect(report.bytesFreed).toBeGreaterThan(0);
    expect([imageFileExists(RED), imageRowExists(RED)]).toEqual([true, true]);
    expect([imageFileExists(GREEN), imageRowExists(GREEN)]).toEqual([false, false]);
    expect([imageFileExists(BLUE), imageRowExists(BLUE)]).toEqual([true, true]);
  });

  it('removes the image files of the articles an unsubscribe deleted, not those of saved ones', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    const other = addFeed(library, 'Gold Wire');
    await addArticle(library, feedId, { title: 'Unsaved story', age: 1, images: [RED, GREEN] });
    await addArticle(library, feedId, { title: 'Saved story', age: 1, saved: true, images: [BLUE] });
    await addArticle(library, other, { title: 'Other feed story', age: 1, images: [GREEN] });
    await call(library, 'feeds:remove', { feedId });
    await library.care.idle();
    expect([imageFileExists(RED), imageRowExists(RED)]).toEqual([false, false]);
    expect(imageFileExists(GREEN)).toBe(true);
    expect(imageFileExists(BLUE)).toBe(true);
  });

  it('waits for a running full-text and image pass before deleting anything', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    await addArticle(library, feedId, { title: 'Old story', age: 40, read: true, images: [RED] });
    await call(library, 'retention:set', { globalDays: 30 });
    library.events.emit('offline:progress', { kind: 'started', total: 1 });
    let settled = false;
    const running = call(library, 'retention:run', {}).then((report) => {
      settled = true;
      return report;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(library.store.reader.countArticles()).toBe(1);
    library.events.emit('offline:progress', { kind: 'finished', report: offlinePassReport() });
    expect(await running).toMatchObject({ deleted: 1, imagesDeleted: 1 });
  });

  it('takes deleted articles out of the search index', async () => {
    const feedId = addFeed(library, 'Copper Wire');
    await addArticle(library, feedId, { title: 'Zirconium glut story', age: 40, read: true });
    await addArticle(library, feedId, { title: 'Zirconium shortage story', age: 1, read: true });
    await library.search().index.catchUp();
    expect((await call(library, 'search:query', { query: 'zirconium' })).total).toBe(2);
    await call(library, 'retention:set', { globalDays: 30 });
    await call(library, 'retention:run', {});
    await library.search().index.catchUp();
    const results = await call(library, 'search:query', { query: 'zirconium' });
    expect(results.items.map((hit) => hit.article.title)).toEqual(['Zirconium shortage story']);
  });
});
