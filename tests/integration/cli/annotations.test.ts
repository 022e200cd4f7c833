import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ArticlePage, Highlight, Note } from '../../../electron/shared/model.ts';
import { EXIT } from '../../../electron/cli/runCli.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createOffprint } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { paragraphsAbout } from '../offline/offlinePages.ts';

let server: FixtureServer;
let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;
let libraries = 0;

const { run: offprint, json } = createOffprint(() => dataDir);

const LEAD = 'Zinc smelters cut output in Europe as power prices climbed again this week.';
const body = (lead: string) => `<p>${[lead, ...paragraphsAbout('zinc', 7)].join('</p><p>')}</p>`;
/** Two whole articles (full text off): the newer one published later. */
function zincFeed(lead = LEAD): string {
  return rssFeed('Zinc Wire', [
    {
      guid: 'new',
      title: 'Zinc smelters cut output',
      link: '/zinc/new',
      body: body(lead),
      date: 'Mon, 02 Mar 2026 08:00:00 GMT',
    },
    {
      guid: 'old',
      title: 'Zinc stocks fall',
      link: '/zinc/old',
      body: body('Zinc stocks fell.'),
      date: 'Mon, 02 Feb 2026 08:00:00 GMT',
    },
  ]);
}

beforeAll(async () => {
  server = await startFixtureServer();
  temp = createTempDirectory('cli-annotations');
});
afterAll(async () => {
  await server.close();
  temp.dispose();
});
beforeEach(async () => {
  libraries += 1;
  dataDir = join(temp.path, `library-${libraries}`);
  server.route('/zinc.xml', serve(zincFeed(), 'application/rss+xml'));
  expect((await offprint('feeds', 'add', server.url('/zinc.xml'))).code).toBe(EXIT.ok);
});

async function articleIds(): Promise<{ newer: string; older: string }> {
  const page = await json<ArticlePage>('articles', 'list');
  const [newer, older] = page.items.map((item) => item.id);
  if (newer === undefined || older === undefined) throw new Error('expected two articles');
  return { newer, older };
}

describe('offprint note and highlight', () => {
  it('adds, shows, edits and removes notes and highlights', async () => {
    const { newer } = await articleIds();
    const noted = await offprint('note', newer, 'Check', 'Nyrstar', 'guidance.');
    expect(noted.code).toBe(EXIT.ok);
    expect(noted.stdout).toMatch(new RegExp(`^Note \\d+ on article ${newer}:\\n {6}Check Nyrstar guidance\\.\\n$`));
    const note = await json<Note>('note', newer, 'Second thought.');

    const highlighted = await offprint(
      'highlight',
      newer,
      'power prices climbed',
      '--comment',
      'energy',
      '--color',
      'pink',
    );
    expect(highlighted.code).toBe(EXIT.ok);
    expect(highlighted.stdout).toMatch(
      /^Highlight \d+ on article .+:\n {2}\[\d+\] pink, at \d+–\d+: “power prices climbed”\n {6}comment: energy\n$/,
    );

    const shown = await offprint('articles', 'show', newer);
    expect(shown.stdout).toMatch(
      /\n\nHighlights \(1\)\n {2}\[\d+\] pink, at \d+–\d+: “power prices climbed”\n {6}comment: energy\n\nNotes \(2\)\n/,
    );
    expect(shown.stdout).toContain('      Check Nyrstar guidance.\n');
    expect(shown.stdout).not.toContain('LOST');

    const edited = await json<Note>('notes', 'edit', String(note.id), 'Third', 'thought.');
    expect(edited.text).toBe('Third thought.');
    expect((await offprint('notes', 'remove', String(note.id))).stdout).toBe('Note removed.\n');
    expect((await offprint('notes', 'remove', String(note.id))).stdout).toBe('No such note; nothing removed.\n');

    const highlight = (await json<{ highlights: Highlight[] }>('articles', 'show', newer)).highlights[0];
    const recoloured = await json<Highlight>(
      'highlights',
      'edit',
      String(highlight?.id),
      '--color',
      'green',
      '--comment',
      '',
    );
    expect(recoloured).toMatchObject({ color: 'green', comment: null });
    expect((await offprint('highlights', 'remove', String(highlight?.id))).stdout).toBe('Highlight removed.\n');
    expect((await json<{ highlights: Highlight[] }>('articles', 'show', newer)).highlights).toEqual([]);
  });

  it('says clearly which highlights an update lost', async () => {
    const { newer } = await articleIds();
    const kept = await json<Highlight>('highlight', newer, 'Zinc smelters cut output');
    const doomed = await json<Highlight>('highlight', newer, 'power prices climbed again');
    server.route(
      '/zinc.xml',
      serve(zincFeed('Zinc smelters cut output in Europe as demand slowed.'), 'application/rss+xml'),
    );
    expect((await offprint('refresh')).code).toBe(EXIT.ok);

    const shown = await offprint('articles', 'show', newer);
    expect(shown.stdout).toContain(
      '\n1 highlight LOST: the article changed and its passage is no longer in the text (listed below)\n',
    );
    expect(shown.stdout).toContain(
      `  [${doomed.id}] yellow, LOST, no longer in the text: “power prices climbed again”\n`,
    );
    expect(shown.stdout).toContain(`  [${kept.id}] yellow, at ${kept.start}–${kept.end}: “Zinc smelters cut output”\n`);
  });

  it('refuses what cannot be done, with usage errors for bad input', async () => {
    const { newer } = await articleIds();
    const missing = await offprint('highlight', newer, 'nickel');
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.stderr).toBe(
      `offprint: highlights:add: article ${newer} has no passage "nickel" in its stored text\n`,
    );
    const colour = await offprint('highlight', newer, 'Zinc', '--color', 'orange');
    expect(colour.code).toBe(EXIT.usage);
    expect(colour.stderr).toBe('offprint: --color must be one of yellow, green, blue, pink, purple, got "orange"\n');
    expect((await offprint('note', newer)).code).toBe(EXIT.usage);
    const unknown = await offprint('notes', 'edit', '77', 'text');
    expect(unknown.code).toBe(EXIT.failed);
    expect(unknown.stderr).toBe('offprint: notes:edit: no note with id 77\n');
    expect((await offprint('highlights', 'edit', '1')).stderr).toBe(
      'offprint: highlights edit needs --comment or --color\n',
    );
  });
});

describe('offprint articles list --saved --sort saved', () => {
  it('lists saved articles most recently saved first', async () => {
    const { newer, older } = await articleIds();
    expect((await offprint('save', newer)).code).toBe(EXIT.ok);
    expect((await offprint('save', older)).code).toBe(EXIT.ok);
    const bySaving = await json<ArticlePage>('articles', 'list', '--saved', '--sort', 'saved');
    expect(bySaving.items.map((item) => item.id)).toEqual([older, newer]);
    const byDate = await json<ArticlePage>('articles', 'list', '--saved');
    expect(byDate.items.map((item) => item.id)).toEqual([newer, older]);
    const text = await offprint('articles', 'list', '--saved', '--sort', 'saved');
    expect(text.stdout.split('\n')[0]).toContain('Zinc stocks fall');

    const bad = await offprint('articles', 'list', '--sort', 'oldest');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toBe('offprint: articles list --sort must be newest or saved, got "oldest"\n');
  });
});
