// What the export benchmark runs inside Chromium to draw its pictures. The function is handed to Playwright's
// evaluate, which sends its source text to the page: it must not use anything from this module's scope, so
// its helpers live inside it and the shared shapes are types only.

export type PictureKind = 'photo' | 'chart';

export interface PictureInPage {
  readonly kind: PictureKind;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
}

/** Runs in the page: each picture drawn on an OffscreenCanvas and encoded, returned as base64. */
export async function drawPicturesInPage(batch: readonly PictureInPage[]): Promise<string[]> {
  function generator(seed: number): () => number {
    let state = (seed * 2654435761) >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }
  function grain(context: OffscreenCanvasRenderingContext2D, random: () => number, amount: number): void {
    const { width, height } = context.canvas;
    const image = context.getImageData(0, 0, width, height);
    const pixels = image.data;
    for (let at = 0; at < pixels.length; at += 4) {
      const noise = (random() - 0.5) * amount;
      pixels[at] = (pixels[at] ?? 0) + noise;
      pixels[at + 1] = (pixels[at + 1] ?? 0) + noise;
      pixels[at + 2] = (pixels[at + 2] ?? 0) + noise;
    }
    context.putImageData(image, 0, 0);
  }
  function photo(context: OffscreenCanvasRenderingContext2D, random: () => number): void {
    const { width, height } = context.canvas;
    const gradient = context.createLinearGradient(0, 0, width, height);
    gradient.addColorStop(0, `hsl(${random() * 360}, 55%, ${30 + random() * 30}%)`);
    gradient.addColorStop(1, `hsl(${random() * 360}, 45%, ${40 + random() * 30}%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, width, height);
    for (let shape = 0; shape < 40; shape += 1) {
      context.fillStyle = `hsla(${random() * 360}, 50%, ${random() * 100}%, 0.5)`;
      context.beginPath();
      context.ellipse(
        random() * width,
        random() * height,
        20 + random() * 200,
        20 + random() * 150,
        random() * 3,
        0,
        7,
      );
      context.fill();
    }
    grain(context, random, 36);
  }
  function chart(context: OffscreenCanvasRenderingContext2D, random: () => number): void {
    const { width, height } = context.canvas;
    context.fillStyle = '#fbfaf7';
    context.fillRect(0, 0, width, height);
    context.strokeStyle = '#d9d4ca';
    for (let y = 40; y < height - 40; y += 40) {
      context.beginPath();
      context.moveTo(60, y);
      context.lineTo(width - 20, y);
      context.stroke();
    }
    const bars = 12 + Math.floor(random() * 12);
    const step = (width - 100) / bars;
    for (let bar = 0; bar < bars; bar += 1) {
      const value = (0.2 + random() * 0.75) * (height - 100);
      context.fillStyle = `hsl(${200 + random() * 40}, 55%, ${35 + random() * 20}%)`;
      context.fillRect(70 + bar * step, height - 50 - value, step * 0.7, value);
    }
    context.fillStyle = '#333';
    context.font = '16px sans-serif';
    context.fillText(`Monthly volume, series ${Math.floor(random() * 1000)}`, 70, 28);
    grain(context, random, 5);
  }
  const encoded: string[] = [];
  for (const request of batch) {
    const canvas = new OffscreenCanvas(request.width, request.height);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('drawPictures: no 2D canvas');
    const random = generator(request.seed);
    if (request.kind === 'photo') photo(context, random);
    else chart(context, random);
    const blob = await canvas.convertToBlob(
      request.kind === 'photo' ? { type: 'image/jpeg', quality: 0.85 } : { type: 'image/png' },
    );
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let binary = '';
    for (let at = 0; at < bytes.length; at += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
    }
    encoded.push(btoa(binary));
  }
  return encoded;
}
