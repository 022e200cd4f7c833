import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { isPng, pngDimensions, readIcns, readIco } from './support/iconFiles.ts';

// The files `npm run icons` (scripts/makeIcons.ts) generated from
// assets/icon.svg and the config that points electron-builder at them.
const ICONS = 'assets/icons';
const read = (path: string) => readFileSync(join(ICONS, path));

describe('Linux PNG icons', () => {
  it.each([16, 24, 32, 48, 64, 128, 256, 512, 1024])('png/%ix%i.png is a %i px square PNG', (size) => {
    expect(pngDimensions(read(`png/${String(size)}x${String(size)}.png`))).toEqual({ width: size, height: size });
  });

  it('icon.png, the fallback, is 1024 px', () => {
    expect(pngDimensions(read('icon.png'))).toEqual({ width: 1024, height: 1024 });
  });
});

describe('Windows icon.ico', () => {
  const entries = readIco(read('icon.ico'));

  it('lists 16 to 256 px, 32 bits each', () => {
    expect(entries.map(({ width, height }) => [width, height])).toEqual(
      [16, 24, 32, 48, 64, 128, 256].map((size) => [size, size]),
    );
    expect(entries.every(({ bitsPerPixel }) => bitsPerPixel === 32)).toBe(true);
  });

  it('stores each entry as a PNG of the size its directory entry states', () => {
    for (const { width, height, data } of entries) {
      expect(isPng(data)).toBe(true);
      expect(pngDimensions(data)).toEqual({ width, height });
    }
  });
});

describe('macOS icon.icns', () => {
  const file = read('icon.icns');
  const { declaredLength, chunks } = readIcns(file);
  // Apple's PNG types: one per point size, then the @2x (Retina) ones.
  const oneX = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512 };
  const twoX = { ic11: 32, ic12: 64, ic13: 256, ic14: 512, ic10: 1024 };
  const expected: Record<string, number> = { ...oneX, ...twoX };

  it('declares its own length in the header', () => {
    expect(declaredLength).toBe(file.length);
  });

  it('holds the PNG types ic07–ic14 and icp4–icp6, each a PNG of its size', () => {
    expect(chunks.map(({ type }) => type).sort()).toEqual(Object.keys(expected).sort());
    for (const { type, data } of chunks) {
      expect(isPng(data)).toBe(true);
      expect(pngDimensions(data)).toEqual({ width: expected[type], height: expected[type] });
    }
  });
});

describe('electron-builder.yml', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as {
    directories: { buildResources: string };
    linux: { icon: string };
    mac: { icon: string };
    win: { icon: string };
  };

  it('points every platform at the generated icons', () => {
    expect(config.directories.buildResources).toBe(ICONS);
    expect(config.linux.icon).toBe(`${ICONS}/png`);
    expect(config.mac.icon).toBe(`${ICONS}/icon.icns`);
    expect(config.win.icon).toBe(`${ICONS}/icon.ico`);
  });
});
