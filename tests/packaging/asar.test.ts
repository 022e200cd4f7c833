import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FUSE_INDEX, readFuseWire, writeStandInElectron } from './support/standInElectron.ts';

// Packs the app the way the Linux installers do (`electron-builder --linux
// dir`, with a stand-in for the Electron binary, which cannot be downloaded
// here) and checks what went into app.asar: the bundle, the two shipped
// assets and the runtime dependencies; nothing else.
const require = createRequire(import.meta.url);
const BUILT = ['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html'];

interface Lockfile {
  packages: Record<string, { dev?: boolean; version?: string }>;
}
const packageJson = JSON.parse(readFileSync('package.json', 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const lockfile = JSON.parse(readFileSync('package-lock.json', 'utf8')) as Lockfile;

let workDirectory = '';
let entries: string[] = [];
let executable = Buffer.alloc(0);
/** `name@version` of every package in the archive's node_modules (electron-builder lays the tree out anew). */
let packed: string[] = [];

beforeAll(async () => {
  const missing = BUILT.filter((path) => !existsSync(path));
  if (missing.length > 0) {
    throw new Error(
      `No app build to pack (${missing.join(', ')} missing): run \`npm run build\` (electron-vite build) first`,
    );
  }
  workDirectory = await mkdtemp(join(tmpdir(), 'offprint-pack-'));
  const electronDist = join(workDirectory, 'electron');
  const output = join(workDirectory, 'dist');
  await writeStandInElectron(electronDist);
  await promisify(execFile)(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--linux',
      'dir',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${output}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const unpacked = join(output, 'linux-unpacked');
  const archive = join(unpacked, 'resources', 'app.asar');
  // Paths as the archive stores them, without the leading separator.
  entries = listPackage(archive, { isPack: false }).map((entry) => entry.replace(/^[/\\]/, '').replaceAll('\\', '/'));
  packed = [...new Set(entries.map(packageDirectoryOf).filter((directory) => directory !== undefined))].map(
    (directory) => {
      const manifest = JSON.parse(extractFile(archive, `${directory}/package.json`).toString('utf8')) as {
        name: string;
        version: string;
      };
      return `${manifest.name}@${manifest.version}`;
    },
  );
  executable = await readFile(join(unpacked, 'offprint'));
}, 120_000);

afterAll(async () => {
  if (workDirectory !== '') await rm(workDirectory, { recursive: true, force: true });
});

/** `node_modules/a/node_modules/@b/c/lib/x.js` → `node_modules/a/node_modules/@b/c`; undefined outside a package. */
function packageDirectoryOf(entry: string): string | undefined {
  return /^(?:node_modules\/(?:@[^/]+\/)?[^@/][^/]*\/)+/.exec(`${entry}/`)?.[0].replace(/\/$/, '');
}

/** `name@version` → whether package-lock.json has it only as a development dependency. */
function lockedPackages(): Map<string, boolean> {
  const devOnly = new Map<string, boolean>();
  for (const [key, { dev, version }] of Object.entries(lockfile.packages)) {
    const name = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    if (key === '' || version === undefined) continue;
    const id = `${name}@${version}`;
    devOnly.set(id, (devOnly.get(id) ?? true) && dev === true);
  }
  return devOnly;
}

describe('app.asar', () => {
  it('holds the built main, preload and renderer, the shipped assets and package.json', () => {
    expect(entries).toEqual(
      expect.arrayContaining([...BUILT, 'assets/sample-library.jsonl', 'assets/print.css', 'package.json']),
    );
  });

  it('holds nothing of the app but out/, the two assets and package.json', () => {
    const app = entries.filter((entry) => entry !== 'node_modules' && !entry.startsWith('node_modules/'));
    const unexpected = app.filter(
      (entry) =>
        !(entry === 'out' || entry.startsWith('out/')) &&
        !['assets', 'assets/sample-library.jsonl', 'assets/print.css', 'package.json'].includes(entry),
    );
    expect(unexpected).toEqual([]);
  });

  it('holds no sources, tests, test data, benchmarks, docs, scripts or build leftovers', () => {
    const forbidden =
      /^(?:tests|electron|renderer|benchmarks|docs|scripts|\.bench|test-results|\.tsbuild|dist|shared)(?:\/|$)|\.(?:tsx?|map)$/;
    expect(entries.filter((entry) => !entry.startsWith('node_modules/') && forbidden.test(entry))).toEqual([]);
  });

  it('holds every runtime dependency', () => {
    for (const name of Object.keys(packageJson.dependencies)) {
      expect(entries, name).toContain(`node_modules/${name}/package.json`);
    }
    expect(entries).toEqual(
      expect.arrayContaining(['node_modules/pdf-lib/package.json', 'node_modules/lunr/package.json']),
    );
  });

  it('holds no package that only the development tools need', () => {
    const locked = lockedPackages();
    expect(packed.filter((id) => locked.get(id) === true)).toEqual([]);
    for (const name of ['vitest', 'playwright-core', 'electron', 'electron-builder', 'typescript', 'vite']) {
      expect(packageJson.devDependencies).toHaveProperty(name);
      expect(entries, name).not.toContain(`node_modules/${name}`);
    }
  });

  it('holds only packages package-lock.json knows (so the check above sees them all)', () => {
    const locked = lockedPackages();
    expect(packed.length).toBeGreaterThan(Object.keys(packageJson.dependencies).length);
    expect(packed.filter((id) => !locked.has(id))).toEqual([]);
  });
});

describe('the packed executable', () => {
  it('has the fuses electron-builder.yml sets flipped', () => {
    const wire = readFuseWire(executable);
    expect({
      runAsNode: wire[FUSE_INDEX.runAsNode],
      enableCookieEncryption: wire[FUSE_INDEX.enableCookieEncryption],
      enableNodeOptionsEnvironmentVariable: wire[FUSE_INDEX.enableNodeOptionsEnvironmentVariable],
      enableNodeCliInspectArguments: wire[FUSE_INDEX.enableNodeCliInspectArguments],
      enableEmbeddedAsarIntegrityValidation: wire[FUSE_INDEX.enableEmbeddedAsarIntegrityValidation],
      onlyLoadAppFromAsar: wire[FUSE_INDEX.onlyLoadAppFromAsar],
      grantFileProtocolExtraPrivileges: wire[FUSE_INDEX.grantFileProtocolExtraPrivileges],
    }).toEqual({
      runAsNode: '0',
      enableCookieEncryption: '1',
      enableNodeOptionsEnvironmentVariable: '0',
      enableNodeCliInspectArguments: '0',
      enableEmbeddedAsarIntegrityValidation: '1',
      onlyLoadAppFromAsar: '1',
      grantFileProtocolExtraPrivileges: '0',
    });
  });
});
