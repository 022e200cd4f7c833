import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { create as createTar, extract as extractTar } from 'tar';
import { sha256File, type BackupManifest } from '../../../electron/core/care/BackupManifest.ts';

/** Unpacks an archive into a new directory under `parent`; returns it. */
export async function unpackArchive(file: string, parent: string): Promise<string> {
  const directory = mkdtempSync(join(parent, 'unpacked-'));
  await extractTar({ file, cwd: directory });
  return directory;
}

/**
 * A damaged backup made from a good one: unpacked, changed by `change`, packed again with the manifest
 * first. With `checksums: 'recompute'` the manifest is brought up to date with the files (a damage the
 * checksums cannot see); with 'keep' it stays as `change` left it.
 */
export async function repack(
  file: string,
  parent: string,
  name: string,
  change: (directory: string) => void,
  checksums: 'keep' | 'recompute' = 'keep',
): Promise<string> {
  const directory = await unpackArchive(file, parent);
  change(directory);
  const entries = readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .map((entry) => entry.split('\\').join('/'))
    .filter((entry) => entry !== 'manifest.json' && statSync(join(directory, entry)).isFile())
    .sort();
  if (checksums === 'recompute') {
    const path = join(directory, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as BackupManifest;
    const files = [];
    for (const entry of manifest.files)
      files.push({ path: entry.path, ...(await sha256File(join(directory, entry.path))) });
    writeFileSync(path, JSON.stringify({ ...manifest, files }));
  }
  const archive = join(parent, `${name}.tar`);
  await createTar({ cwd: directory, file: archive, portable: true }, ['manifest.json', ...entries]);
  return archive;
}
