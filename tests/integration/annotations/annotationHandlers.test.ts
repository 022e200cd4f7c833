import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Article } from '../../../electron/shared/model.ts';
import { expectFailure } from '../../support/expectFailure.ts';
import { GALLIUM_STORY, POTASH_STORY, openAnnotationWorld, type AnnotationWorld } from './annotationLibrary.ts';

let world: AnnotationWorld;
let gallium: Article;

beforeEach(async () => {
  world = await openAnnotationWorld('annotations', [GALLIUM_STORY, POTASH_STORY]);
  await world.call('feeds:add', { url: world.server.url('/wire.xml') });
  gallium = await world.article('gallium');
  world.events.length = 0;
});

afterEach(async () => {
  await world.close();
});

function changes(): unknown[] {
  return world.events.filter((event) => event.name === 'library:changed').map((event) => event.payload);
}

describe('notes', () => {
  it('adds, edits and removes notes, returned with the article in the order written', async () => {
    const first = await world.call('notes:add', { articleId: gallium.id, text: '  Check **licence** numbers.  ' });
    expect(first).toMatchObject({
      articleId: gallium.id,
      text: 'Check **licence** numbers.',
      createdAt: '2026-03-02T09:00:00.000Z',
      updatedAt: '2026-03-02T09:00:00.000Z',
    });
    world.now = new Date('2026-03-02T10:00:00Z');
    const second = await world.call('notes:add', { articleId: gallium.id, text: 'Ask the desk in Beijing.' });
    expect(changes()).toEqual([
      { reason: 'articles', feedIds: [gallium.feedId] },
      { reason: 'articles', feedIds: [gallium.feedId] },
    ]);

    world.now = new Date('2026-03-03T08:00:00Z');
    const edited = await world.call('notes:edit', { id: first.id, text: 'Check licence numbers against 2023.' });
    expect(edited).toEqual({
      ...first,
      text: 'Check licence numbers against 2023.',
      updatedAt: '2026-03-03T08:00:00.000Z',
    });
    expect((await world.article('gallium')).notes).toEqual([edited, second]);

    // The lists count them, so a row can show that an article has notes.
    const row = (await world.call('articles:list', { limit: 10 })).items.find((item) => item.id === gallium.id);
    expect(row).toMatchObject({ noteCount: 2, highlightCount: 0 });

    expect(await world.call('notes:remove', { id: first.id })).toEqual({ removed: true });
    expect(await world.call('notes:remove', { id: first.id })).toEqual({ removed: false });
    expect((await world.article('gallium')).notes).toEqual([second]);
    // The other article has none.
    expect((await world.article('potash')).notes).toEqual([]);
  });

  it('refuses notes for unknown articles and notes, and empty text', async () => {
    expectFailure(
      await world.attempt('notes:add', { articleId: 'no-such-article', text: 'x' }),
      'not-found',
      /^notes:add: no article with id no-such-article$/,
    );
    expectFailure(
      await world.attempt('notes:edit', { id: 999, text: 'x' }),
      'not-found',
      /notes:edit: no note with id 999/,
    );
    expectFailure(await world.attempt('notes:add', { articleId: gallium.id, text: '   ' }), 'bad-request', /text/);
    expect(world.count('notes', gallium.id)).toBe(0);
    expect(changes()).toEqual([]);
  });
});

describe('highlights', () => {
  const quote = 'Traders expect prices to rise in Europe';

  it('places a quote where the caller says, or finds it, and stores the text spelling with context', async () => {
    const start = gallium.text.indexOf(quote);
    const placed = await world.call('highlights:add', { articleId: gallium.id, quote, start });
    expect(placed).toMatchObject({
      articleId: gallium.id,
      quote,
      start,
      end: start + quote.length,
      comment: null,
      color: 'yellow',
      status: 'anchored',
    });

    // No position, or a wrong one: searched for.
    const found = await world.call('highlights:add', { articleId: gallium.id, quote: 'rationing supply', start: 3 });
    expect(gallium.text.slice(found.start, found.end)).toBe('rationing supply');

    // A selection from the rendered page may break lines differently: the stored text's spelling is kept.
    const spelled = await world.call('highlights:add', {
      articleId: gallium.id,
      quote: 'the commerce\n  ministry said.',
      comment: 'source?',
      color: 'blue',
    });
    expect(spelled).toMatchObject({ quote: 'the commerce ministry said.', comment: 'source?', color: 'blue' });
    expect(gallium.text.slice(spelled.start, spelled.end)).toBe(spelled.quote);

    const stored = (await world.article('gallium')).highlights;
    // In text order.
    expect(stored.map((highlight) => highlight.id)).toEqual([spelled.id, placed.id, found.id]);
    const context = world.library.store.database
      .prepare('SELECT prefix, suffix FROM highlights WHERE id = ?')
      .get(placed.id) as { prefix: string; suffix: string };
    expect(context).toEqual({
      prefix: gallium.text.slice(start - 32, start),
      suffix: gallium.text.slice(start + quote.length, start + quote.length + 32),
    });
  });

  it('refuses a quote the article does not have, naming the article and the quote, shortened', async () => {
    const missing = `Nickel output fell sharply ${'in the third quarter '.repeat(10)}`;
    const result = await world.attempt('highlights:add', { articleId: gallium.id, quote: missing });
    expectFailure(
      result,
      'bad-request',
      // 60 characters at most, white space folded.
      new RegExp(
        `^highlights:add: article ${gallium.id} has no passage "Nickel output fell sharply in the third quarter in the thir…" in its stored text$`,
      ),
    );
    expectFailure(
      await world.attempt('highlights:add', { articleId: gallium.id, quote: ' \n ' }),
      'bad-request',
      /only white space/,
    );
    expectFailure(
      await world.attempt('highlights:add', { articleId: 'nope', quote }),
      'not-found',
      /highlights:add: no article with id nope/,
    );
    expectFailure(
      await world.attempt('highlights:add', { articleId: gallium.id, quote, color: 'orange' }),
      'bad-request',
      /color/,
    );
    expect(world.count('highlights', gallium.id)).toBe(0);
  });

  it('edits the comment and colour, clears the comment, and removes highlights', async () => {
    const added = await world.call('highlights:add', { articleId: gallium.id, quote, comment: 'watch this' });
    world.now = new Date('2026-03-04T12:00:00Z');
    const recoloured = await world.call('highlights:edit', { id: added.id, color: 'green' });
    expect(recoloured).toEqual({ ...added, color: 'green', updatedAt: '2026-03-04T12:00:00.000Z' });
    const commented = await world.call('highlights:edit', { id: added.id, comment: 'Europe only?' });
    expect(commented).toMatchObject({ color: 'green', comment: 'Europe only?' });
    expect(await world.call('highlights:edit', { id: added.id, comment: null })).toMatchObject({ comment: null });
    expect(await world.call('highlights:edit', { id: added.id, comment: '   ' })).toMatchObject({ comment: null });

    expectFailure(
      await world.attempt('highlights:edit', { id: added.id }),
      'bad-request',
      new RegExp(`highlights:edit: nothing to change for highlight ${added.id}`),
    );
    expectFailure(
      await world.attempt('highlights:edit', { id: 4242, color: 'pink' }),
      'not-found',
      /highlights:edit: no highlight with id 4242/,
    );

    expect(await world.call('highlights:remove', { id: added.id })).toEqual({ removed: true });
    expect(await world.call('highlights:remove', { id: added.id })).toEqual({ removed: false });
    expect((await world.article('gallium')).highlights).toEqual([]);
  });
});

describe('deleting an article', () => {
  it('never happens by unsubscribing while it has notes or highlights; when it does happen, they go with it', async () => {
    await world.call('notes:add', { articleId: gallium.id, text: 'a note' });
    await world.call('highlights:add', { articleId: gallium.id, quote: 'rationing supply' });
    // Unsubscribing deletes the feed's plain articles but keeps annotated (and saved) ones.
    await world.call('feeds:remove', { feedId: gallium.feedId ?? 0 });
    expect(world.count('notes', gallium.id)).toBe(1);
    expect(world.count('highlights', gallium.id)).toBe(1);
    // The schema's cascade: an article that is deleted takes its notes and highlights along.
    world.library.store.database.prepare('DELETE FROM articles WHERE id = ?').run(gallium.id);
    expect(world.count('notes', gallium.id)).toBe(0);
    expect(world.count('highlights', gallium.id)).toBe(0);
  });
});
