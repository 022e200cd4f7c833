import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLibrary } from '../../../electron/core/Library.ts';
import { SEARCH_SCHEMA_VERSION } from '../../../electron/core/search/SearchIndex.ts';
import type { Article } from '../../../electron/shared/model.ts';
import { GALLIUM_STORY, POTASH_STORY, openAnnotationWorld, type AnnotationWorld } from './annotationLibrary.ts';

let world: AnnotationWorld;
let gallium: Article;
let potash: Article;

beforeEach(async () => {
  world = await openAnnotationWorld('annotation-search', [GALLIUM_STORY, POTASH_STORY]);
  await world.call('feeds:add', { url: world.server.url('/wire.xml') });
  gallium = await world.article('gallium');
  potash = await world.article('potash');
});

afterEach(async () => {
  await world.close();
});

/** Titles of what the query finds, once the index has caught up with the library. */
async function found(query: string): Promise<string[]> {
  await world.library.search().index.catchUp();
  const results = await world.call('search:query', { query });
  return results.items.map((item) => item.article.title).sort();
}

function queued(articleId: string): { deleted: number }[] {
  return world.library.store.database
    .prepare('SELECT deleted FROM search_pending WHERE article_id = ?')
    .all(articleId) as { deleted: number }[];
}

describe('searching notes and highlights', () => {
  it('finds articles by their notes (has:note, -has:note, note:) and follows edits and removals', async () => {
    expect(await found('has:note')).toEqual([]);
    const note = await world.call('notes:add', {
      articleId: potash.id,
      text: 'Ask **Nutrien** about the Saskatchewan mines.',
    });
    expect(await found('has:note')).toEqual([POTASH_STORY.title]);
    expect(await found('-has:note')).toEqual([GALLIUM_STORY.title]);
    expect(await found('note:saskatchewan')).toEqual([POTASH_STORY.title]);
    // A note's words are found without naming the field too.
    expect(await found('nutrien')).toEqual([POTASH_STORY.title]);
    // has:note combines with words: prices are in both articles, a note only on one.
    expect(await found('prices has:note')).toEqual([POTASH_STORY.title]);
    // The field is only the notes: the article's own text is not searched by note:.
    expect(await found('note:prices')).toEqual([]);

    await world.call('notes:edit', { id: note.id, text: 'Ask Mosaic instead.' });
    expect(await found('note:saskatchewan')).toEqual([]);
    expect(await found('note:mosaic')).toEqual([POTASH_STORY.title]);
    await world.call('notes:remove', { id: note.id });
    expect(await found('note:mosaic')).toEqual([]);
    expect(await found('has:note')).toEqual([]);
  });

  it('indexes highlighted passages and their comments with the article', async () => {
    const highlight = await world.call('highlights:add', {
      articleId: gallium.id,
      quote: 'smelters are already rationing supply',
      comment: 'Compare Umicore guidance',
    });
    expect(await found('note:umicore')).toEqual([GALLIUM_STORY.title]);
    expect(await found('note:"rationing supply"')).toEqual([GALLIUM_STORY.title]);
    await world.call('highlights:edit', { id: highlight.id, comment: 'Compare Dowa guidance' });
    expect(await found('note:umicore')).toEqual([]);
    expect(await found('note:dowa')).toEqual([GALLIUM_STORY.title]);
    // A highlight is not a note.
    expect(await found('has:note')).toEqual([]);
  });

  it('queues the article for the index in the same write, and only for what the index holds', async () => {
    world.library.store.database.exec('DELETE FROM search_pending');
    const note = await world.call('notes:add', { articleId: gallium.id, text: 'first' });
    expect(queued(gallium.id)).toEqual([{ deleted: 0 }]);
    const highlight = await world.call('highlights:add', { articleId: potash.id, quote: 'buyers held off' });
    expect(queued(potash.id)).toEqual([{ deleted: 0 }]);

    world.library.store.database.exec('DELETE FROM search_pending');
    await world.call('highlights:edit', { id: highlight.id, color: 'pink' });
    expect(queued(potash.id)).toEqual([]);
    await world.call('highlights:edit', { id: highlight.id, comment: 'why?' });
    expect(queued(potash.id)).toEqual([{ deleted: 0 }]);
    await world.call('notes:remove', { id: note.id });
    expect(queued(gallium.id)).toEqual([{ deleted: 0 }]);

    // Deleting the article queues its removal; the notes and highlights going with it do not undo that.
    await world.call('notes:add', { articleId: potash.id, text: 'doomed' });
    world.library.store.database.exec('DELETE FROM search_pending');
    world.library.store.database.prepare('DELETE FROM articles WHERE id = ?').run(potash.id);
    expect(queued(potash.id)).toEqual([{ deleted: 1 }]);
  });
});

describe('an index built before notes were indexed', () => {
  it('is rebuilt on opening, and then finds notes', async () => {
    await world.call('notes:add', { articleId: gallium.id, text: 'Germanium next?' });
    expect(await found('note:germanium')).toEqual([GALLIUM_STORY.title]);
    await world.library.close();

    // What an Offprint without the notes field left on disk: its schema version in the manifest.
    const manifestPath = join(world.dataDir, 'index', 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { schema: number };
    expect(manifest.schema).toBe(SEARCH_SCHEMA_VERSION);
    writeFileSync(manifestPath, JSON.stringify({ ...manifest, schema: 1 }));

    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const library = await openLibrary({ dataDir: world.dataDir, searchWorkers: 1, extractWorkers: 1 });
    try {
      const { index } = library.search();
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/SearchIndex: rebuilding: index was built with schema 1/),
      );
      await index.catchUp();
      const results = library
        .search()
        .service.query({ query: 'note:germanium', limit: 10, offset: 0, sort: 'relevance' });
      expect(results.items.map((item) => item.article.id)).toEqual([gallium.id]);
      expect(JSON.parse(readFileSync(manifestPath, 'utf8'))).toMatchObject({ schema: SEARCH_SCHEMA_VERSION });
    } finally {
      warn.mockRestore();
      await library.close();
    }
  });
});
