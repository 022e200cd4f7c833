import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createWindowStateSaver,
  readWindowState,
  writeWindowState,
} from '../../../../electron/main/window/windowStateFile.ts';
import { createTempDirectory } from '../../../support/tempDirectory.ts';

const STATE = { bounds: { x: 10, y: 20, width: 900, height: 700 }, maximized: false };

describe('window state file', () => {
  let temp: ReturnType<typeof createTempDirectory>;
  let file: string;
  beforeEach(() => {
    temp = createTempDirectory('window-state');
    file = join(temp.path, 'state', 'window-state.json');
  });
  afterEach(() => {
    temp.dispose();
    vi.useRealTimers();
  });

  it('writes the state whole and reads it back', () => {
    writeWindowState(file, STATE);
    expect(readWindowState(file)).toEqual(STATE);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('reads a missing or corrupt file as nothing saved', () => {
    expect(readWindowState(file)).toBeNull();
    writeWindowState(file, STATE);
    writeFileSync(file, '{"bounds":{"x":1');
    expect(readWindowState(file)).toBeNull();
  });

  it('debounces: many moves make one write, of the state at save time', () => {
    vi.useFakeTimers();
    let current = STATE;
    const write = vi.fn((state: typeof STATE) => {
      writeWindowState(file, state);
    });
    const saver = createWindowStateSaver({ read: () => current, write, delayMs: 500 });
    for (let x = 0; x < 10; x += 1) {
      current = { ...STATE, bounds: { ...STATE.bounds, x } };
      saver.schedule();
      vi.advanceTimersByTime(100);
    }
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(write).toHaveBeenCalledOnce();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ ...STATE, bounds: { ...STATE.bounds, x: 9 } });
  });

  it('flush saves at once and drops the pending save; cancel drops it', () => {
    vi.useFakeTimers();
    const write = vi.fn();
    const saver = createWindowStateSaver({ read: () => STATE, write });
    saver.schedule();
    saver.flush();
    expect(write).toHaveBeenCalledOnce();
    vi.runAllTimers();
    expect(write).toHaveBeenCalledOnce();
    saver.schedule();
    saver.cancel();
    vi.runAllTimers();
    expect(write).toHaveBeenCalledOnce();
  });

  it('reports a failed write instead of throwing', () => {
    const onError = vi.fn();
    const saver = createWindowStateSaver({
      read: () => STATE,
      write: () => {
        throw new Error('disk full');
      },
      onError,
    });
    expect(() => {
      saver.flush();
    }).not.toThrow();
    expect(onError).toHaveBeenCalledWith(new Error('disk full'));
  });
});
