import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/runCli.ts';
import { LATEST_SCHEMA_VERSION } from '../../../electron/core/store/migrations.ts';
import { createOffprint, runOffprint, runOffprintProcess } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';

let temp: ReturnType<typeof createTempDirectory>;
let server: FixtureServer;
let dataDir: string;

/** Commands that wait for Ctrl-C (serve) or stop on it (prepare) get it at once. */
const interruptAtOnce = { untilInterrupted: () => Promise.resolve() };
const { run: offprint, json } = createOffprint(() => dataDir, interruptAtOnce);

beforeAll(async () => {
  temp = createTempDirectory('cli');
  dataDir = join(temp.path, 'library');
  server = await startFixtureServer({
    '/wire.xml': serve(
      rssFeed('Example Wire', [
        {
          guid: 'a',
          title: 'Gallium curbs',
          link: '/a',
          body: '<p>Gallium exports need licences.</p>',
        },
        {
          guid: 'b',
          title: 'Potash eases',
          link: '/b',
          body: '<p>Potash eased.</p>',
          date: 'Mon, 08 Sep 2025 08:00:00 GMT',
        },
      ]),
      'application/rss+xml',
    ),
    '/down.xml': (_request, response) => void response.writeHead(500).end('boom'),
  });
});
afterAll(async () => {
  await server.close();
  temp.dispose();
});

describe('offprint CLI', () => {
  it('adds, lists, refreshes, reads, saves and removes through the contract', async () => {
    const added = await json<{ feed: { id: number; title: string }; refresh: { newCount: number } }>(
      'feeds',
      'add',
      server.url('/wire.xml'),
    );
    expect(added).toMatchObject({ feed: { title: 'Example Wire' }, refresh: { newCount: 2 } });

    const human = await offprint('feeds', 'list');
    expect(human.stdout).toContain('Example Wire');
    expect(human.stdout).toContain('2 articles, 2 unread, ok');

    const page = await json<{ total: number; items: { id: string; title: string }[] }>(
      'articles',
      'list',
      '--limit',
      '1',
    );
    expect(page.total).toBe(2);
    expect(page.items.map((item) => item.title)).toEqual(['Potash eases']);

    const shown = await offprint('articles', 'show', page.items[0]?.id ?? '');
    expect(shown.stdout).toContain('Potash eased.');

    expect((await offprint('save', page.items[0]?.id ?? '')).stdout).toBe('Saved: Potash eases\n');
    expect((await json<{ total: number }>('articles', 'list', '--saved')).total).toBe(1);

    const refresh = await json<{ feeds: { status: string }[] }>('refresh', String(added.feed.id));
    expect(refresh.feeds.map((result) => result.status)).toEqual(['ok']);

    const exported = join(temp.path, 'subs.opml');
    expect((await offprint('opml', 'export', exported)).code).toBe(EXIT.ok);
    expect(readFileSync(exported, 'utf8')).toContain(server.url('/wire.xml'));

    const removed = await json<{ articlesDeleted: number; articlesKept: number }>(
      'feeds',
      'remove',
      String(added.feed.id),
    );
    expect(removed).toEqual({ removed: true, articlesDeleted: 1, articlesKept: 1 });
  });

  it('reports a failing feed in the result, not as a crash', async () => {
    const opml = join(temp.path, 'down.opml');
    writeFileSync(
      opml,
      `<opml version="2.0"><body><outline text="Down" xmlUrl="${server.url('/down.xml')}"/></body></opml>`,
    );
    expect((await offprint('opml', 'import', opml)).stdout).toContain('1 feeds added');
    const run = await offprint('refresh');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/feed \d+ Down: error \(http-500\) feed \d+: .*500/);
  });

  it('imports JSON Lines and reports every rejected line with its number', async () => {
    const file = join(temp.path, 'import.jsonl');
    writeFileSync(
      file,
      [
        JSON.stringify({
          id: 1,
          title: 'Rare earth quota',
          body: 'Quota raised.',
          source: 'Reuters',
          topics: ['rare-earths'],
          date: '1987-03-02T00:00:00Z',
        }),
        '{ not json',
        JSON.stringify({ source: 'Reuters' }),
        JSON.stringify({ id: 2, title: 'Bad date', body: 'x', date: 'someday' }),
      ].join('\n'),
    );
    const report = await json<{ newCount: number; rejectedCount: number; problems: string[] }>(
      'articles',
      'import',
      file,
    );
    expect(report.newCount).toBe(1);
    expect(report.rejectedCount).toBe(3);
    expect(report.problems).toEqual([
      expect.stringMatching(/import\.jsonl:2: not JSON/),
      expect.stringMatching(/import\.jsonl:3: needs a title, body or html/),
      expect.stringMatching(/import\.jsonl:4: date "someday" is not a date/),
    ]);
    const again = await json<{ newCount: number; unchangedCount: number }>('articles', 'import', file);
    expect(again).toMatchObject({ newCount: 0, unchangedCount: 1 });
  });

  it('searches, finds related articles and reindexes', async () => {
    const file = join(temp.path, 'search.jsonl');
    writeFileSync(
      file,
      [
        {
          id: 's1',
          title: 'Gallium export curbs widen',
          body: 'Beijing widened export curbs on gallium and germanium.',
          source: 'Wire A',
          date: '2025-09-07T08:00:00Z',
        },
        {
          id: 's2',
          title: 'Gallium curbs widen further',
          body: 'Export curbs on gallium and germanium were widened again.',
          source: 'Wire B',
          date: '2025-09-07T10:00:00Z',
        },
        {
          id: 's3',
          title: 'Potash prices ease',
          body: 'Potash prices eased in Brazil.',
          source: 'Wire A',
          date: '2025-09-01T08:00:00Z',
        },
      ]
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    expect((await offprint('articles', 'import', file)).code).toBe(EXIT.ok);

    const human = await offprint('search', 'gallium', '--limit', '5');
    expect(human.code).toBe(EXIT.ok);
    expect(human.stdout).toMatch(/Gallium export curbs widen/);
    expect(human.stdout).toMatch(/\[gallium\]/i);

    const results = await json<{ total: number; items: { article: { id: string; title: string } }[] }>(
      'search',
      'brazil OR germanium',
      '--sort',
      'date',
    );
    expect(results.items.map((item) => item.article.title)).toEqual([
      'Gallium curbs widen further',
      'Gallium export curbs widen',
      'Potash prices ease',
    ]);

    const first = results.items.find((item) => item.article.title === 'Gallium export curbs widen')?.article.id ?? '';
    const related = await json<{ sameStory: { article: { title: string } }[] }>('related', first);
    expect(related.sameStory.map((entry) => entry.article.title)).toEqual(['Gallium curbs widen further']);

    const reindexed = await offprint('reindex');
    expect(reindexed.code).toBe(EXIT.ok);
    expect(reindexed.stdout).toMatch(/Search index rebuilt: \d+ articles/);
    expect((await offprint('search', '--sort', 'sideways', 'x')).code).toBe(EXIT.usage);
  });

  it('explains usage errors and unknown ids with a non-zero exit', async () => {
    const unknown = await offprint('frobnicate');
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toMatch(/^offprint: unknown command "frobnicate"/);
    const badId = await offprint('feeds', 'remove', 'twelve');
    expect(badId.code).toBe(EXIT.usage);
    expect(badId.stderr).toContain('feed id must be a whole number, got "twelve"');
    const missing = await offprint('articles', 'show', 'nope');
    expect(missing.code).toBe(EXIT.failed);
    expect(missing.stderr).toBe('offprint: articles:get: no article with id nope\n');
    const badFlag = await offprint('--colour');
    expect(badFlag.code).toBe(EXIT.usage);
  });

  it('refuses a data directory that cannot hold a library (exit 3)', async () => {
    const notADirectory = join(temp.path, 'file-not-dir');
    writeFileSync(notADirectory, 'x');
    const { code, stderr } = await runOffprint(notADirectory, ['info'], interruptAtOnce);
    expect(code).toBe(EXIT.dataDir);
    expect(stderr).toMatch(/^offprint: cannot open data directory .*file-not-dir/);
  });

  it('runs as a real process: `offprint info --json` on Node 24', async () => {
    const { stdout } = await runOffprintProcess(dataDir, ['--json', 'info']);
    const info = JSON.parse(stdout) as { name: string; schemaVersion: number; runtime: string };
    expect(info).toMatchObject({ name: 'Offprint', schemaVersion: LATEST_SCHEMA_VERSION });
    expect(info.runtime).toMatch(/^Node 24\./);
  });
});
