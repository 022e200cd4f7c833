import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/runCli.ts';
import type { ArticlePage, Feed, SearchResults, Topic, TopicImportReport } from '../../../electron/shared/model.ts';
import { createOffprint, runOffprintProcess } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { FARM, METALS, startWires, story, titlesOf, type Wires } from '../topics/topicWires.ts';

let wires: Wires;
let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;
let libraries = 0;

const { run: offprint, json } = createOffprint(() => dataDir);

async function subscribe(): Promise<{ metals: Feed; farm: Feed }> {
  const metals = (await json<{ feed: Feed }>('feeds', 'add', wires.metalsUrl)).feed;
  const farm = (await json<{ feed: Feed }>('feeds', 'add', wires.farmUrl)).feed;
  return { metals, farm };
}

beforeAll(async () => {
  wires = await startWires();
  temp = createTempDirectory('cli-topics');
});
afterAll(async () => {
  await wires.close();
  temp.dispose();
});
beforeEach(() => {
  libraries += 1;
  dataDir = join(temp.path, `library-${libraries}`);
  wires.publish('/metals.xml', METALS);
  wires.publish('/farm.xml', FARM);
});

describe('offprint topics', () => {
  it('previews, adds (applied before it exits), lists, filters articles and search by, and removes topics', async () => {
    const { farm } = await subscribe();
    const preview = await offprint('topics', 'preview', '"rare earth" OR gallium', '--limit', '2');
    expect(preview.code).toBe(EXIT.ok);
    expect(preview.stdout).toMatch(/^The rule matches 3 articles now \([\d.]+ ms\)\.\n/);
    expect(preview.stdout).toContain(story('f-gallium').title);
    expect(preview.stdout.trimEnd().split('\n')).toHaveLength(3);

    const added = await offprint('topics', 'add', 'Critical minerals', '"rare earth"', 'OR', 'gallium', '--notify');
    expect(added.code).toBe(EXIT.ok);
    expect(added.stdout).toBe(
      'Added topic 1.\n' +
        '   1  Critical minerals — 3 articles, 3 unread, 0 saved\n' +
        '      "rare earth" OR gallium\n' +
        '      notifies on new matches\n',
    );
    const [listed] = await json<Topic[]>('topics', 'list');
    expect(listed).toMatchObject({ id: 1, applying: false, counts: { total: 3, unread: 3, saved: 0 }, notify: true });

    const inTopic = await json<ArticlePage>('articles', 'list', '--topic', '1');
    expect(inTopic.items.map((article) => article.title).sort()).toEqual(
      titlesOf(story('m-gallium'), story('m-rare'), story('f-gallium')),
    );
    const farmOnly = await json<ArticlePage>('articles', 'list', '--topic', '1', '--feed', String(farm.id));
    expect(farmOnly.items.map((article) => article.title)).toEqual([story('f-gallium').title]);
    const searched = await json<SearchResults>('search', 'magnets', '--topic', '1');
    expect(searched.items.map((item) => item.article.title)).toEqual([story('m-rare').title]);

    const removed = await offprint('topics', 'remove', '1');
    expect(removed).toMatchObject({ code: EXIT.ok, stdout: 'Removed topic 1; its articles stay.\n' });
    expect((await offprint('topics', 'list')).stdout).toMatch(/^No topics yet\./);
    expect((await json<ArticlePage>('articles', 'list')).total).toBe(7);
  });

  it('assigns what a later refresh brings, though the CLI opens the search index only on demand', async () => {
    await subscribe();
    await json<Topic>('topics', 'add', 'Neodymium', 'neodymium');
    wires.publish('/metals.xml', [
      ...METALS,
      { guid: 'm-neodymium', title: 'Neodymium supply squeezed', subject: 'neodymium supply', day: 7 },
    ]);
    expect((await offprint('refresh')).code).toBe(EXIT.ok);
    const page = await json<ArticlePage>('articles', 'list', '--topic', '1');
    expect(page.items.map((article) => article.title)).toEqual(['Neodymium supply squeezed']);
  });

  it('waits for the rule to be applied before the process exits', async () => {
    await subscribe();
    const { stdout } = await runOffprintProcess(dataDir, ['--json', 'topics', 'add', 'Gold', 'gold']);
    expect(JSON.parse(stdout)).toMatchObject([{ name: 'Gold', applying: false, counts: { total: 1 } }]);
  });

  it('suggests starter topics with the command that adds each, and creates none', async () => {
    await subscribe();
    const run = await offprint('topics', 'suggest', '--limit', '3');
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toContain('Starter topics (none is created until you add it):\n');
    expect(run.stdout).toContain(
      '  Critical Minerals — 2 articles (feed category of 2 articles)\n' +
        "      offprint topics add 'Critical Minerals' '\"Critical Minerals\"' --category 'Critical Minerals'\n",
    );
    expect(run.stdout).toContain('      offprint topics add Gallium gallium\n');
    expect(await json<Topic[]>('topics', 'list')).toEqual([]);
  });

  it('exports topics to a file and imports them into another library', async () => {
    const { metals } = await subscribe();
    await offprint('topics', 'add', 'Metals gallium', 'gallium', '--feed', String(metals.id), '--category', 'Grains');
    await offprint('topics', 'add', 'Gold', 'gold');
    for (const format of ['opml', 'json'] as const) {
      const file = join(temp.path, `topics-${libraries}.${format}`);
      const exported = await offprint('topics', 'export', '--format', format, file);
      expect(exported).toMatchObject({ code: EXIT.ok, stdout: `Wrote 2 topics to ${file}\n` });
      expect(readFileSync(file, 'utf8')).toContain(format === 'opml' ? 'type="search"' : '"version": 1');

      const source = dataDir;
      dataDir = join(temp.path, `imported-${libraries}-${format}`);
      await subscribe();
      const imported = await offprint('topics', 'import', file);
      expect(imported).toMatchObject({ code: EXIT.ok, stdout: '2 topics added, 0 skipped as already there\n' });
      const topics = await json<Topic[]>('topics', 'list');
      expect(topics.map((topic) => [topic.name, topic.feedIds, topic.categories, topic.counts.total])).toEqual([
        ['Gold', null, [], 1],
        // Grains is a Farm Wire category: the feed limit holds for categories too.
        ['Metals gallium', [metals.id], ['Grains'], 1],
      ]);
      const again = await json<TopicImportReport>('topics', 'import', file);
      expect(again.duplicates).toEqual(['Gold', 'Metals gallium']);
      dataDir = source;
    }
    // Without a file, the export goes to stdout.
    expect((await offprint('topics', 'export')).stdout).toMatch(/^<\?xml[\s\S]*<outline type="search" text="Gold"/);
  });

  it('says what is wrong with a command, with the usage or the call’s reason', async () => {
    await subscribe();
    const missingQuery = await offprint('topics', 'add', 'Gold');
    expect(missingQuery.code).toBe(EXIT.usage);
    expect(missingQuery.stderr).toMatch(/^offprint: missing topic query/);
    const badFormat = await offprint('topics', 'export', '--format', 'csv');
    expect(badFormat).toMatchObject({
      code: EXIT.usage,
      stderr: 'offprint: --format must be opml or json, got "csv"\n',
    });
    const stateFilter = await offprint('topics', 'add', 'Unread gold', 'gold is:unread');
    expect(stateFilter.code).toBe(EXIT.usage);
    expect(stateFilter.stderr).toMatch(/^offprint: topics:create: the query "gold is:unread" cannot be a topic rule/);
    const unknown = await offprint('topics', 'remove', '9');
    expect(unknown).toMatchObject({ code: EXIT.failed, stderr: 'offprint: topics:delete: no topic with id 9\n' });
    const notANumber = await offprint('articles', 'list', '--topic', 'gold');
    expect(notANumber).toMatchObject({
      code: EXIT.usage,
      stderr: 'offprint: --topic must be a whole number, got "gold"\n',
    });
    const noSuchTopic = await offprint('articles', 'list', '--topic', '9');
    expect(noSuchTopic).toMatchObject({ code: EXIT.failed, stderr: 'offprint: articles:list: no topic with id 9\n' });
    expect((await offprint('topics', 'rename')).code).toBe(EXIT.usage);
  });
});
