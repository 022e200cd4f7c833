import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/runCli.ts';
import type { ArticlePage, BackupReport, RestoreReport } from '../../../electron/shared/model.ts';
import { runOffprint, type OffprintRun } from '../../support/runOffprint.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { addArticle, addFeed, openCareLibrary } from '../care/careLibrary.ts';

let temp: ReturnType<typeof createTempDirectory>;
let dataDir: string;
let feedId: number;

function offprint(...args: string[]): Promise<OffprintRun> {
  return offprintIn(dataDir, ...args);
}

/** In the library at `directory`; commands that wait for Ctrl-C get it at once. */
function offprintIn(directory: string, ...args: string[]): Promise<OffprintRun> {
  return runOffprint(directory, args, { untilInterrupted: () => Promise.resolve() });
}

async function articleTitles(directory: string): Promise<string[]> {
  const run = await offprintIn(directory, '--json', 'articles', 'list', '--limit', '100');
  expect(run.code, run.stderr).toBe(EXIT.ok);
  return (JSON.parse(run.stdout) as ArticlePage).items.map((article) => article.title).sort();
}

/** Four articles of one feed, dated from the real clock (the CLI's): two are read and over a month old. */
beforeAll(async () => {
  temp = createTempDirectory('cli-care');
  dataDir = join(temp.path, 'library');
  const now = new Date();
  const library = await openCareLibrary(dataDir, () => now);
  feedId = addFeed(library, 'Copper Wire');
  await addArticle(library, feedId, { title: 'Old read story', age: 40, from: now, read: true });
  await addArticle(library, feedId, {
    title: 'Old story with a picture',
    age: 45,
    from: now,
    read: true,
    images: [[5, 6, 7]],
  });
  await addArticle(library, feedId, { title: 'Old saved story', age: 50, from: now, read: true, saved: true });
  await addArticle(library, feedId, { title: 'Fresh story', age: 1, from: now, read: true });
  await library.close();
});
afterAll(() => {
  temp.dispose();
});

describe('offprint retention', () => {
  it('shows, sets and previews retention, and deletes only with --yes', async () => {
    const shown = await offprint('retention');
    expect(shown.code).toBe(EXIT.ok);
    expect(shown.stdout).toContain('Retention: keep everything (the default).');

    const set = await offprint('retention', 'set', '--days', '30');
    expect(set.stdout).toContain('Retention: delete read articles older than 30 days.');
    expect(set.stdout).toContain(`${feedId}  Copper Wire: delete read articles older than 30 days`);
    const perFeed = await offprint('retention', 'set', '--days', '60', '--feed', String(feedId));
    expect(perFeed.stdout).toContain('Copper Wire: delete read articles older than 60 days (its own setting)');
    expect((await offprint('retention', 'preview')).stdout).toContain('Nothing to clean up');
    await offprint('retention', 'set', '--keep', '--feed', String(feedId));

    const preview = await offprint('retention', 'preview');
    expect(preview.stdout).toContain('A clean-up would delete 2 articles and 1 image file');
    expect(preview.stdout).toMatch(/Oldest:\n.*Old story with a picture.*\n.*Old read story/);

    const unconfirmed = await offprint('retention', 'run');
    expect(unconfirmed.code).toBe(EXIT.ok);
    expect(unconfirmed.stdout).toContain('Nothing was deleted. To delete these, run: offprint retention run --yes');
    expect(await articleTitles(dataDir)).toHaveLength(4);

    const run = await offprint('retention', 'run', '--yes');
    expect(run.code, run.stderr).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^Deleted 2 articles and 1 image file \(\d+ bytes freed\)\.$/m);
    expect(run.stderr).toContain('retention: images 1/1');
    expect(await articleTitles(dataDir)).toEqual(['Fresh story', 'Old saved story']);
    await offprint('retention', 'set', '--keep');
  });

  it('says how to use retention set when neither or both of --days and --keep are given', async () => {
    for (const args of [
      ['retention', 'set'],
      ['retention', 'set', '--days', '3', '--keep'],
      ['retention', 'set', '--days', 'x'],
    ]) {
      const run = await offprint(...args);
      expect(run.code).toBe(EXIT.usage);
      expect(run.stderr).toMatch(/retention set takes --days N or --keep|--days must be a whole number/);
    }
    expect((await offprint('retention', 'sweep')).stderr).toContain('unknown retention command "sweep"');
  });
});

describe('offprint backup and restore', () => {
  it('backs up, and restores into another data directory', async () => {
    const file = join(temp.path, 'library.tar');
    const backup = await offprint('backup', file);
    expect(backup.code, backup.stderr).toBe(EXIT.ok);
    expect(backup.stdout).toMatch(new RegExp(`^Backed up \\d+ articles and \\d+ images? to ${file} \\(`));
    expect(backup.stderr).toContain('backup: database 1/1');
    const report = JSON.parse((await offprint('--json', 'backup', file)).stdout) as BackupReport;
    expect(report.file).toBe(file);

    const elsewhere = join(temp.path, 'elsewhere');
    const restore = await offprintIn(elsewhere, 'restore', file);
    expect(restore.code, restore.stderr).toBe(EXIT.ok);
    expect(restore.stdout).toContain(`Restored ${report.articles} articles`);
    expect(restore.stdout).toContain('There was no library to replace.');
    expect(await articleTitles(elsewhere)).toEqual(await articleTitles(dataDir));

    // Again over the library just restored: that one is kept aside.
    const again = JSON.parse((await offprintIn(elsewhere, '--json', 'restore', file)).stdout) as RestoreReport;
    expect(again.previousLibrary).toMatch(/elsewhere\/replaced-/);
    expect(again.restartRequired).toBe(false);
  });

  it('refuses a file that is not a backup, says why, and leaves the library as it was', async () => {
    const before = await articleTitles(dataDir);
    const bogus = join(temp.path, 'bogus.tar');
    writeFileSync(bogus, 'this is not an archive'.repeat(40));
    const run = await offprint('restore', bogus);
    expect(run.code).toBe(EXIT.failed);
    expect(run.stderr).toMatch(
      new RegExp(
        `^offprint: library:restore: ${bogus} is not an Offprint backup: .*; the library was not changed$`,
        'm',
      ),
    );
    expect(await articleTitles(dataDir)).toEqual(before);
    const json = await offprint('--json', 'restore', bogus);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('asks for the file', async () => {
    expect((await offprint('restore')).code).toBe(EXIT.usage);
    expect((await offprint('backup')).code).toBe(EXIT.usage);
  });
});
