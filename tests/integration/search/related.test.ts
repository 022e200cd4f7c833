import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { SearchIndex } from '../../../electron/core/search/SearchIndex.ts';
import { SearchService } from '../../../electron/core/search/SearchService.ts';
import { ArticleStore, type NewArticle } from '../../../electron/core/store/ArticleStore.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';

const NOW = '2026-03-01T00:00:00.000Z';
const DAY_MS = 24 * 60 * 60 * 1000;
const SOURCE_TEXT =
  'Gallium export licences tightened at the border. Germanium shipments wait for permits. ' +
  'Smelters in Yunnan report delays; chip makers look for stock in Japan.';

let temp: ReturnType<typeof createTempDirectory>;
let store: ArticleStore;
let index: SearchIndex;
let service: SearchService;

function story(guid: string, title: string, text: string, publishedAt: string): NewArticle {
  return {
    guid,
    url: null,
    title,
    author: null,
    publishedAt,
    updatedAt: null,
    language: 'en',
    summary: null,
    contentHtml: null,
    text,
    categories: [],
  };
}

function feed(name: string): number {
  return store.writer.addFeed({ url: `https://${name}.test/feed`, title: name }, NOW).id;
}

function add(feedId: number, articles: NewArticle[]): readonly string[] {
  return store.writer.upsertArticles(feedId, articles, NOW).newIds;
}

beforeEach(() => {
  temp = createTempDirectory('related');
  store = ArticleStore.open(join(temp.path, 'library.sqlite'));
  index = SearchIndex.open({
    directory: join(temp.path, 'index'),
    databasePath: store.path,
    store,
    events: new EventHub(),
  });
  service = new SearchService(index, store, () => new Date(NOW));
});

afterEach(async () => {
  await index.close();
  store.close();
  temp.dispose();
});

describe('related articles and the same story elsewhere', () => {
  it('finds the same story from another source even when it ranks below a full related list', async () => {
    const wire = feed('wire');
    const desk = feed('desk');
    const [source] = add(wire, [story('s', 'Gallium export licences tightened', SOURCE_TEXT, '2026-02-20T08:00:00Z')]);
    // Plenty of loosely related pieces in the same feed, each sharing a word or two with the source.
    add(
      wire,
      Array.from({ length: 40 }, (_, number) =>
        story(`r${number}`, `Metals note ${number}`, `Gallium demand note ${number} about chips.`, NOW),
      ),
    );
    const [copy] = add(desk, [
      story(
        'c',
        'Licences for gallium exports tightened',
        SOURCE_TEXT.replace('Yunnan', 'the south'),
        '2026-02-21T09:00:00Z',
      ),
    ]);
    // The same words from another source, but weeks away: related, not the same story.
    const [old] = add(desk, [story('o', 'Gallium export licences tightened', SOURCE_TEXT, '2025-12-01T08:00:00Z')]);
    await index.catchUp();

    const answer = service.related(source ?? '', 5);
    expect(answer.sameStory.map((entry) => entry.article.id)).toEqual([copy]);
    expect(answer.related).toHaveLength(5);
    expect(answer.related.map((entry) => entry.article.id)).toContain(old);
    expect(answer.related.map((entry) => entry.article.id)).not.toContain(source);
    const scores = answer.related.map((entry) => entry.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('reads a bounded number of articles however many near-copies the library holds', async () => {
    const wire = feed('wire');
    const [source] = add(wire, [story('s', 'Gallium export licences tightened', SOURCE_TEXT, '2026-02-20T08:00:00Z')]);
    // 400 near-copies in other feeds inside the same-story window: all candidates, far more than asked for.
    for (let batch = 0; batch < 4; batch += 1) {
      const other = feed(`mirror${batch}`);
      add(
        other,
        Array.from({ length: 100 }, (_, number) =>
          story(
            `m${number}`,
            `Gallium export licences tightened ${number}`,
            `${SOURCE_TEXT} Copy ${number}.`,
            new Date(Date.parse('2026-02-20T08:00:00Z') + ((number % 48) - 24) * 60 * 60 * 1000).toISOString(),
          ),
        ),
      );
    }
    // Related pieces that are plainly not the same story, so the related list fills as well.
    add(
      wire,
      Array.from({ length: 30 }, (_, number) =>
        story(`r${number}`, `Chip note ${number}`, `Gallium and germanium note ${number}.`, NOW),
      ),
    );
    await index.catchUp();

    const reads = vi.spyOn(store, 'getArticleSummary');
    const answer = service.related(source ?? '', 10);
    expect(answer.sameStory).toHaveLength(10);
    for (const entry of answer.sameStory) {
      expect(
        Math.abs(Date.parse(entry.article.publishedAt ?? '') - Date.parse('2026-02-20T08:00:00Z')),
      ).toBeLessThanOrEqual(3 * DAY_MS);
    }
    // The source itself, then at most 200 candidates: never one read per matching article.
    expect(reads.mock.calls.length).toBeLessThanOrEqual(1 + 200);
  });

  it('stops reading once the related list is full and no later hit could be the same story', async () => {
    const wire = feed('wire');
    const [source] = add(wire, [story('s', 'Gallium export licences tightened', SOURCE_TEXT, '2026-02-20T08:00:00Z')]);
    add(
      wire,
      Array.from({ length: 300 }, (_, number) =>
        story(`r${number}`, `Chip note ${number}`, `Gallium note ${number} on supply.`, NOW),
      ),
    );
    await index.catchUp();

    const reads = vi.spyOn(store, 'getArticleSummary');
    const answer = service.related(source ?? '', 10);
    expect(answer.related).toHaveLength(10);
    expect(answer.sameStory).toEqual([]);
    // The source, and the ten it lists: weak matches past a full list are not read.
    expect(reads.mock.calls.length).toBe(11);
  });
});
