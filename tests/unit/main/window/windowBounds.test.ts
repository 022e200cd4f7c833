import { describe, expect, it } from 'vitest';
import {
  parseWindowState,
  windowBoundsFor,
  type Rectangle,
  type SavedWindowState,
} from '../../../../electron/main/window/windowBounds.ts';

const LAPTOP: Rectangle = { x: 0, y: 25, width: 1440, height: 875 };
// A second monitor to the right of the laptop.
const MONITOR: Rectangle = { x: 1440, y: 0, width: 2560, height: 1415 };
const sizes = { defaultSize: { width: 1280, height: 820 }, minimumSize: { width: 720, height: 480 } };

function decide(saved: SavedWindowState | null, workAreas: Rectangle[], primaryWorkArea = LAPTOP) {
  return windowBoundsFor({ saved, workAreas, primaryWorkArea, ...sizes });
}

describe('windowBoundsFor', () => {
  it('opens the default size centred on the primary display when nothing was saved', () => {
    expect(decide(null, [LAPTOP, MONITOR])).toEqual({
      bounds: { x: 80, y: 53, width: 1280, height: 820 },
      maximized: false,
    });
  });

  it('puts a window back exactly where it was when it fits on a display', () => {
    const saved = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: false };
    expect(decide(saved, [LAPTOP, MONITOR])).toEqual(saved);
  });

  it('keeps the maximized flag', () => {
    const saved = { bounds: { x: 100, y: 100, width: 900, height: 600 }, maximized: true };
    expect(decide(saved, [LAPTOP])).toEqual(saved);
  });

  it('falls back to the primary display when the display it was on is gone', () => {
    const onMonitor = { bounds: { x: 1600, y: 100, width: 1800, height: 1100 }, maximized: true };
    expect(decide(onMonitor, [LAPTOP])).toEqual({
      bounds: { x: 80, y: 53, width: 1280, height: 820 },
      maximized: true,
    });
  });

  it('falls back when only a sliver is still on a display (nothing to grab)', () => {
    const sliver = { bounds: { x: 1400, y: 100, width: 800, height: 600 }, maximized: false };
    expect(decide(sliver, [LAPTOP]).bounds).toEqual({ x: 80, y: 53, width: 1280, height: 820 });
  });

  it('slides a window that is partly off-screen back inside the work area, same size', () => {
    const partly = { bounds: { x: 1000, y: -50, width: 800, height: 600 }, maximized: false };
    expect(decide(partly, [LAPTOP]).bounds).toEqual({ x: 640, y: 25, width: 800, height: 600 });
  });

  it('shrinks a window saved on a bigger display to the smaller one that replaced it', () => {
    const big = { bounds: { x: 0, y: 0, width: 2400, height: 1350 }, maximized: false };
    expect(decide(big, [LAPTOP]).bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });
  });

  it('picks the display showing most of a window that straddles two', () => {
    const straddling = { bounds: { x: 1240, y: 100, width: 1000, height: 700 }, maximized: false };
    expect(decide(straddling, [LAPTOP, MONITOR]).bounds).toEqual({ x: 1440, y: 100, width: 1000, height: 700 });
  });

  it('never makes the default bigger than a tiny primary display', () => {
    const tiny = { x: 0, y: 0, width: 1024, height: 600 };
    expect(decide(null, [tiny], tiny).bounds).toEqual({ x: 0, y: 0, width: 1024, height: 600 });
  });

  it('uses a display with a negative origin (a monitor left of the primary)', () => {
    const left = { x: -1920, y: 0, width: 1920, height: 1080 };
    const saved = { bounds: { x: -1800, y: 50, width: 1000, height: 800 }, maximized: false };
    expect(decide(saved, [LAPTOP, left])).toEqual(saved);
  });
});

describe('parseWindowState', () => {
  it('reads what was written', () => {
    const state = { bounds: { x: -10, y: 20, width: 900, height: 700 }, maximized: true };
    expect(parseWindowState(JSON.stringify(state))).toEqual(state);
  });

  it('drops unknown fields', () => {
    expect(parseWindowState('{"bounds":{"x":1,"y":2,"width":3,"height":4,"z":9},"maximized":false,"extra":1}')).toEqual(
      { bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: false },
    );
  });

  it.each([
    ['not JSON', '{"bounds": '],
    ['empty', ''],
    ['null', 'null'],
    ['an array', '[1,2,3,4]'],
    ['no maximized flag', '{"bounds":{"x":1,"y":2,"width":3,"height":4}}'],
    ['a string coordinate', '{"bounds":{"x":"1","y":2,"width":3,"height":4},"maximized":false}'],
    ['a zero width', '{"bounds":{"x":1,"y":2,"width":0,"height":4},"maximized":false}'],
    ['a fractional coordinate', '{"bounds":{"x":1.5,"y":2,"width":3,"height":4},"maximized":false}'],
    ['an infinite size', '{"bounds":{"x":1,"y":2,"width":1e400,"height":4},"maximized":false}'],
  ])('treats a corrupt file (%s) as nothing saved', (_name, text) => {
    expect(parseWindowState(text)).toBeNull();
  });
});
