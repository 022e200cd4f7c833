import { existsSync, mkdirSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyStagedRestore, stageRestore } from '../../../electron/core/care/restoreLibrary.ts';
import { call } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import { addArticle, addFeed, fingerprint, NOW, openCareLibrary } from './careLibrary.ts';

let temp: ReturnType<typeof createTempDirectory>;
let backupFile: string;
let dataDir: string;

/** A backup of a library with one article and one image, and a different library in `dataDir` to replace. */
beforeEach(async () => {
  temp = createTempDirectory('apply-restore');
  const source = await openCareLibrary(join(temp.path, 'source'));
  await addArticle(source, addFeed(source, 'Copper Wire'), { title: 'From the backup', age: 1, images: [[1, 2, 3]] });
  backupFile = join(temp.path, 'offprint.tar');
  await call(source, 'library:backup', { file: backupFile });
  await source.close();

  dataDir = join(temp.path, 'library');
  const current = await openCareLibrary(dataDir);
  const feedId = addFeed(current, 'Gold Wire');
  await addArticle(current, feedId, { title: 'Current one', age: 1, images: [[9, 9, 9]] });
  await addArticle(current, feedId, { title: 'Current two', age: 2 });
  await current.search().index.catchUp();
  await current.close();
  writeFileSync(join(dataDir, 'settings.json'), '{"current":true}');
});
afterEach(() => {
  temp.dispose();
});

function titles(directory: string): string[] {
  const database = new DatabaseSync(join(directory, 'library.sqlite'), { readOnly: true });
  const rows = database.prepare('SELECT title FROM articles ORDER BY title').all() as { title: string }[];
  database.close();
  return rows.map((row) => row.title);
}

describe('applyStagedRestore', () => {
  it('does nothing when no restore is staged', () => {
    const before = fingerprint(dataDir);
    expect(applyStagedRestore(dataDir)).toBeNull();
    expect(fingerprint(dataDir)).toEqual(before);
  });

  it('moves the whole current library aside and puts the staged one in place', async () => {
    const current = fingerprint(dataDir);
    const staged = await stageRestore({ file: backupFile, dataDir, clock: () => NOW });
    // Staging changes nothing of the library.
    expect(
      Object.fromEntries(Object.entries(fingerprint(dataDir)).filter(([name]) => !name.startsWith('restore-staged/'))),
    ).toEqual(current);

    const report = applyStagedRestore(dataDir);
    expect(report).toMatchObject({ file: backupFile, articles: 1, images: 1, restartRequired: false });
    expect(report?.previousLibrary).toBe(staged.previousLibrary);
    expect(titles(dataDir)).toEqual(['From the backup']);
    const previous = report?.previousLibrary ?? '';
    // Everything that was there is kept, byte for byte, in the replaced-… directory.
    expect(fingerprint(previous)).toEqual(current);
    expect(existsSync(join(dataDir, 'index'))).toBe(false);
    expect(existsSync(join(dataDir, 'settings.json'))).toBe(false);
    expect(readdirSync(dataDir).sort()).toEqual(
      ['images', 'library.sqlite', previous.slice(dataDir.length + 1)].sort(),
    );
    const reopened = await openCareLibrary(dataDir);
    expect(reopened.store.reader.countArticles()).toBe(1);
    await reopened.close();
  });

  it('completes an apply that was cut short, without moving the restored parts aside', async () => {
    const current = fingerprint(dataDir);
    const staged = await stageRestore({ file: backupFile, dataDir, clock: () => NOW });
    const previous = staged.previousLibrary ?? '';
    // As if the process died after putting the images in place, before the database.
    mkdirSync(previous);
    renameSync(join(dataDir, 'index'), join(previous, 'index'));
    renameSync(join(dataDir, 'images'), join(previous, 'images'));
    renameSync(join(dataDir, 'restore-staged', 'images'), join(dataDir, 'images'));
    const restoredImages = fingerprint(join(dataDir, 'images'));

    const report = applyStagedRestore(dataDir);
    expect(report?.previousLibrary).toBe(previous);
    expect(titles(dataDir)).toEqual(['From the backup']);
    expect(fingerprint(join(dataDir, 'images'))).toEqual(restoredImages);
    expect(fingerprint(previous)).toEqual(current);
    expect(existsSync(join(dataDir, 'restore-staged'))).toBe(false);
  });

  it('reports no previous library when the data directory was empty', async () => {
    const empty = join(temp.path, 'empty');
    const staged = await stageRestore({ file: backupFile, dataDir: empty, clock: () => NOW });
    expect(staged.previousLibrary).toBeNull();
    expect(applyStagedRestore(empty)?.previousLibrary).toBeNull();
    expect(titles(empty)).toEqual(['From the backup']);
  });
});
