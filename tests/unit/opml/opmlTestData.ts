import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { testdataDirectory } from '../../support/testdataDirectory.ts';

/** The shared OPML corpus: peer parser suites and real subscription lists (see its MANIFEST.md). */
export function readOpmlTestFile(relativePath: string): string {
  return readFileSync(path.join(testdataDirectory('opml'), relativePath), 'utf8');
}

/** Paths (relative to the corpus, "/"-separated, sorted) of the files under `folder` whose names end in one of `extensions`. */
export function listOpmlTestFiles(folder: string, extensions: readonly string[]): string[] {
  const entries = readdirSync(testdataDirectory('opml', folder), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((entry) => extensions.some((extension) => entry.endsWith(extension)))
    .map((entry) => path.posix.join(folder, entry.split(path.sep).join('/')))
    .sort();
}
