import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The shared OPML corpus (peer parser suites and real subscription lists,
 * described in its MANIFEST.md). It lives outside the repository, so suites
 * that need it are skipped — visibly — where it is absent.
 */
export const opmlTestDataDirectory = path.join(process.env.OFFPRINT_TESTDATA ?? '/work/shared/testdata', 'opml');

export const hasOpmlTestData = existsSync(path.join(opmlTestDataDirectory, 'MANIFEST.md'));

export function readOpmlTestFile(relativePath: string): string {
  return readFileSync(path.join(opmlTestDataDirectory, relativePath), 'utf8');
}

/** Paths (relative to the corpus, "/"-separated, sorted) of the files under `folder` whose names end in one of `extensions`. */
export function listOpmlTestFiles(folder: string, extensions: readonly string[]): string[] {
  const entries = readdirSync(path.join(opmlTestDataDirectory, folder), { recursive: true, encoding: 'utf8' });
  return entries
    .filter((entry) => extensions.some((extension) => entry.endsWith(extension)))
    .map((entry) => path.posix.join(folder, entry.split(path.sep).join('/')))
    .sort();
}
