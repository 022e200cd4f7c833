// `npm run icons`: every platform icon from the one source image,
// assets/icon.svg, rasterized by the system Chromium (no native image
// library) and written into assets/icons/ (electron-builder's
// buildResources):
//   png/<N>x<N>.png  Linux (16 … 1024)
//   icon.ico         Windows (16 … 256, PNG entries)
//   icon.icns        macOS (icp4 … ic14, PNG chunks)
//   icon.png         1024 px, the fallback electron-builder looks for
// The outputs are committed; tests/packaging/icons.test.ts checks them.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { launchChromium } from '../tests/support/launchChromium.ts';
import { encodeIcns, encodeIco, ICNS_PNG_TYPES, type IcnsPngType } from './iconContainers.ts';

const SOURCE = 'assets/icon.svg';
const OUTPUT = 'assets/icons';
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
const WINDOWS_SIZES = [16, 24, 32, 48, 64, 128, 256];
const LARGEST = 1024;

async function rasterize(svg: string, sizes: readonly number[]): Promise<Map<number, Buffer>> {
  const chromium = await launchChromium({ viewport: { width: LARGEST, height: LARGEST } });
  try {
    const { page } = chromium;
    const source = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    const pngs = new Map<number, Buffer>();
    for (const size of sizes) {
      // Chromium scales the vector image itself at each size (no downsampling of one big bitmap).
      await page.setContent(
        `<!doctype html><body style="margin:0;background:transparent">` +
          `<img src="${source}" width="${String(size)}" height="${String(size)}" style="display:block"></body>`,
      );
      // A string, as this script is type-checked without the DOM library.
      await page.evaluate('document.images[0].decode()');
      pngs.set(size, await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } }));
    }
    return pngs;
  } finally {
    await chromium.close();
  }
}

function pngOf(pngs: ReadonlyMap<number, Buffer>, size: number): Buffer {
  const png = pngs.get(size);
  if (png === undefined) throw new Error(`makeIcons: no ${String(size)} px rendering`);
  return png;
}

const svg = await readFile(SOURCE, 'utf8');
const sizes = [...new Set([...LINUX_SIZES, ...WINDOWS_SIZES, ...Object.values(ICNS_PNG_TYPES)])].sort((a, b) => a - b);
const pngs = await rasterize(svg, sizes);

await rm(OUTPUT, { recursive: true, force: true });
await mkdir(join(OUTPUT, 'png'), { recursive: true });
for (const size of LINUX_SIZES) {
  await writeFile(join(OUTPUT, 'png', `${String(size)}x${String(size)}.png`), pngOf(pngs, size));
}
await writeFile(join(OUTPUT, 'icon.png'), pngOf(pngs, LARGEST));
await writeFile(join(OUTPUT, 'icon.ico'), encodeIco(WINDOWS_SIZES.map((size) => ({ size, png: pngOf(pngs, size) }))));
const icnsTypes = Object.keys(ICNS_PNG_TYPES) as IcnsPngType[];
await writeFile(
  join(OUTPUT, 'icon.icns'),
  encodeIcns(icnsTypes.map((type) => ({ type, png: pngOf(pngs, ICNS_PNG_TYPES[type]) }))),
);
console.log(`makeIcons: ${SOURCE} → ${OUTPUT}/ (png ${LINUX_SIZES.join(', ')}; ico; icns ${icnsTypes.join(' ')})`);
