// Pictures for the export benchmark's articles, drawn and encoded by Chromium's canvas: JPEG "photos"
// (soft shapes on a gradient with grain, so they compress as photos do) and PNG "charts" (bars on a grid
// with a little grain). Each seed gives its own picture; sizes land at a few hundred KB each.
import { launchChromium } from '../../tests/support/launchChromium.ts';
import { drawPicturesInPage, type PictureKind } from './page/drawPicturesInPage.ts';

export type { PictureKind } from './page/drawPicturesInPage.ts';

export interface PictureRequest {
  readonly kind: PictureKind;
  readonly seed: number;
}

export interface Picture {
  readonly kind: PictureKind;
  readonly type: 'image/jpeg' | 'image/png';
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
}

const SIZES: Readonly<Record<PictureKind, { readonly width: number; readonly height: number }>> = {
  photo: { width: 1280, height: 853 },
  chart: { width: 800, height: 450 },
};
const BATCH = 20;

/** Draws every requested picture in one headless Chromium, `BATCH` at a time. */
export async function drawPictures(requests: readonly PictureRequest[]): Promise<Picture[]> {
  const browser = await launchChromium();
  try {
    const pictures: Picture[] = [];
    for (let start = 0; start < requests.length; start += BATCH) {
      const batch = requests.slice(start, start + BATCH).map((request) => ({ ...request, ...SIZES[request.kind] }));
      const encoded = await browser.page.evaluate(drawPicturesInPage, batch);
      for (const [index, base64] of encoded.entries()) {
        const request = batch[index];
        if (request === undefined) continue;
        pictures.push({
          kind: request.kind,
          type: request.kind === 'photo' ? 'image/jpeg' : 'image/png',
          width: request.width,
          height: request.height,
          bytes: Buffer.from(base64, 'base64'),
        });
      }
    }
    return pictures;
  } finally {
    await browser.close();
  }
}
