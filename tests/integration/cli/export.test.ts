import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/runCli.ts';
import { ChromiumPrinter } from '../../../electron/server/ChromiumPrinter.ts';
import type { ArticlePage } from '../../../electron/shared/model.ts';
import { CHROMIUM_PATH } from '../../support/launchChromium.ts';
import { pdfInfo, pdfText } from '../../support/pdfTools.ts';
import { createOffprint } from '../../support/runOffprint.ts';
import { rssFeed, serve, startFixtureServer, type FixtureServer } from '../../support/startFixtureServer.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { escapeRegExp } from '../export/exportLibrary.ts';
import { paragraphsAbout } from '../offline/offlinePages.ts';

let server: FixtureServer;
let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;
let out: string;

// Each run opens the library with its own printer (one Chromium, launched on the first PDF, closed with it).
const { run: offprint, json } = createOffprint(() => dataDir, {
  printer: () => new ChromiumPrinter(CHROMIUM_PATH),
});

const body = (subject: string) => `<p>${paragraphsAbout(subject, 6).join('</p><p>')}</p>`;

beforeAll(async () => {
  server = await startFixtureServer();
  server.route(
    '/wire.xml',
    serve(
      rssFeed('Zinc Wire', [
        { guid: 'z1', title: 'Zinc smelters cut output', link: '/zinc/1', body: body('zinc smelting') },
        { guid: 'z2', title: 'Zinc stocks fall', link: '/zinc/2', body: body('zinc stocks') },
        { guid: 'z3', title: 'Lead prices steady', link: '/lead/1', body: body('lead') },
      ]),
      'application/rss+xml',
    ),
  );
  temp = createTempDirectory('cli-export');
  dataDir = join(temp.path, 'library');
  out = join(temp.path, 'out');
  expect((await offprint('feeds', 'add', server.url('/wire.xml'))).code).toBe(EXIT.ok);
  const page = await json<ArticlePage>('articles', 'list');
  for (const item of page.items.filter((article) => article.title.startsWith('Zinc'))) {
    expect((await offprint('save', item.id)).code).toBe(EXIT.ok);
  }
}, 60_000);

afterAll(async () => {
  await server.close();
  temp.dispose();
});

describe('offprint export', () => {
  it('--pdf FILE --saved --title T --paper letter: a Letter-size brief of the saved list', async () => {
    const file = join(out, 'zinc brief.pdf');
    const done = await offprint('export', '--pdf', file, '--saved', '--title', 'Zinc week', '--paper', 'letter');
    expect(done.code, done.stderr).toBe(EXIT.ok);
    expect(done.stdout).toMatch(
      new RegExp(`^Exported 2 articles \\(pdf\\), \\d+ pages in \\d+\\.\\d s:\\n {2}${escapeRegExp(file)}\\n$`),
    );
    expect(done.stderr).toContain('export: composing 0/2');
    expect(done.stderr).toMatch(/export: printing 2\/2/);

    const info = await pdfInfo(file);
    expect(info['Title']).toBe('Zinc week');
    expect(info['Subject']).toBe('Saved articles');
    expect(info['Page size']).toContain('(letter)');
    const text = await pdfText(file);
    expect(text).toContain('Zinc smelters cut output');
    expect(text).toContain('Zinc stocks fall');
    expect(text).not.toContain('Lead prices steady');
  });

  it('--bibtex -: prints the saved list as BibTeX', async () => {
    const done = await offprint('export', '--bibtex', '-');
    expect(done.code, done.stderr).toBe(EXIT.ok);
    expect([...done.stdout.matchAll(/^@online\{[^,]+,$/gm)]).toHaveLength(2);
    expect(done.stdout).toContain('Zinc smelters cut output');
    expect(done.stdout).toContain(server.url('/zinc/1'));
    expect(done.stdout).not.toContain('Lead prices steady');
  });

  // An interrupt that comes before the export has begun (while the library reads the selection) is not lost:
  // the export stops at its first step.
  it('Ctrl-C as the export starts: stopped, no file', async () => {
    const file = join(out, 'interrupted.pdf');
    const interrupted = createOffprint(() => dataDir, {
      printer: () => new ChromiumPrinter(CHROMIUM_PATH),
      untilInterrupted: () => Promise.resolve(),
    });
    const done = await interrupted.run('export', '--pdf', file);
    expect(existsSync(file)).toBe(false);
    expect(done.stdout).toBe('Export stopped; nothing was written.\n');
  });

  it('refuses mixed or unknown options with exit 2 and says why, writing nothing', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--pdf', join(out, 'a.pdf'), '--html', join(out, 'a.html')],
        /^offprint: export: give exactly one of --pdf FILE, --per-article DIR, --html FILE, --markdown DIR, --bibtex FILE, --ris FILE, --csl-json FILE\n$/,
      ],
      [['--saved'], /^offprint: export: give exactly one of --pdf FILE/],
      [
        ['--pdf', join(out, 'b.pdf'), '--saved', '--query', 'zinc'],
        /^offprint: export: give one of --saved, --topic, --ids or --query\n$/,
      ],
      [['--pdf', join(out, 'c.pdf'), '--paper', 'a5'], /^offprint: export: --paper must be a4 or letter, got "a5"\n$/],
    ];
    for (const [args, message] of cases) {
      const done = await offprint('export', ...args);
      expect(done.code, args.join(' ')).toBe(EXIT.usage);
      expect(done.stderr).toMatch(message);
      expect(done.stdout).toBe('');
    }
    expect(existsSync(out) ? readdirSync(out).filter((name) => /^[abc]\./.test(name)) : []).toEqual([]);
  });
});
