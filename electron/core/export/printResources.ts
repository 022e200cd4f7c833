import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PRINT_STYLESHEET_FILE } from '../assetFiles.ts';
import type { ImageStore } from '../extract/images/ImageStore.ts';
import type { PrintResource, PrintResources } from './Printer.ts';

const IMAGE_PATH = /^images\/([0-9a-f]{64})\.(png|jpg|gif|webp|avif)$/;
/** The bundled faces print.css names: Source Serif 4 and Inter, Latin and Latin Extended (OFL 1.1). */
const FONT_PATH = /^fonts\/((source-serif-4|inter)-latin(?:-ext)?-(?:opsz|wght)-(?:normal|italic)\.woff2)$/;
const FONT_PACKAGES: Readonly<Record<string, string>> = {
  'source-serif-4': '@fontsource-variable/source-serif-4',
  inter: '@fontsource-variable/inter',
};

const require = createRequire(import.meta.url);

function fontFile(name: string, family: string): string | null {
  const packageName = FONT_PACKAGES[family];
  if (packageName === undefined) return null;
  return join(dirname(require.resolve(`${packageName}/package.json`)), 'files', name);
}

/**
 * The only files a printed brief may load: the stylesheet, the bundled
 * fonts and cached images, each matched by an exact pattern (no path from
 * the document reaches the file system as it is).
 */
export function printResources(images: ImageStore): PrintResources {
  return {
    async resolve(path: string): Promise<PrintResource | null> {
      if (path === 'print.css') return { file: PRINT_STYLESHEET_FILE, type: 'text/css; charset=utf-8' };
      const font = FONT_PATH.exec(path);
      if (font !== null) {
        const file = fontFile(font[1] ?? '', font[2] ?? '');
        return file === null ? null : { file, type: 'font/woff2' };
      }
      const image = IMAGE_PATH.exec(path);
      if (image === null) return null;
      const file = await images.path(image[1] ?? '');
      return file === null ? null : { file, type: `image/${image[2] === 'jpg' ? 'jpeg' : (image[2] ?? '')}` };
    },
  };
}
