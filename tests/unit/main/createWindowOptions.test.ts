import { describe, expect, it } from 'vitest';
import { createWindowOptions } from '../../../electron/main/createWindowOptions.ts';

describe('createWindowOptions', () => {
  const options = createWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });

  it('isolates and sandboxes the renderer, with no Node anywhere', () => {
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('waits for ready-to-show', () => {
    expect(options.show).toBe(false);
  });

  it('opens at the bounds it is given, or the default size centred, never below the minimum', () => {
    expect(options).toMatchObject({ width: 1280, height: 820, center: true, minWidth: 720, minHeight: 480 });
    const placed = createWindowOptions({ preloadPath: '/p', bounds: { x: -800, y: 40, width: 900, height: 700 } });
    expect(placed).toMatchObject({ x: -800, y: 40, width: 900, height: 700, minWidth: 720, minHeight: 480 });
    expect(placed).not.toHaveProperty('center');
  });
});
