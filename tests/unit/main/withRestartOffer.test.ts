import { describe, expect, it, vi } from 'vitest';
import { withRestartOffer } from '../../../electron/main/withRestartOffer.ts';
import { callNames, type Handlers } from '../../../electron/shared/contract.ts';
import { dispatchCall } from '../../../electron/shared/dispatch.ts';

function restoreReport(restartRequired: boolean) {
  return {
    file: '/b.offprint',
    createdAt: '2026-11-28T20:00:00.000Z',
    articles: 3,
    images: 1,
    previousLibrary: null,
    restartRequired,
  };
}

function handlersWith(restore: ReturnType<typeof vi.fn>): Handlers {
  return {
    ...Object.fromEntries(callNames.map((name) => [name, vi.fn()])),
    'library:restore': restore,
  } as unknown as Handlers;
}

describe('withRestartOffer', () => {
  it('offers a restart after a restore that staged a backup, and returns the report unchanged', async () => {
    const offer = vi.fn();
    const handlers = withRestartOffer(handlersWith(vi.fn(() => Promise.resolve(restoreReport(true)))), offer);
    const result = await dispatchCall(handlers, 'library:restore', { file: '/b.offprint' });
    expect(result).toEqual({ ok: true, value: restoreReport(true) });
    await vi.waitFor(() => {
      expect(offer).toHaveBeenCalledOnce();
    });
  });

  it('offers nothing when no restart is needed or the restore failed', async () => {
    const offer = vi.fn();
    const done = withRestartOffer(handlersWith(vi.fn(() => Promise.resolve(restoreReport(false)))), offer);
    await dispatchCall(done, 'library:restore', { file: '/b.offprint' });
    const failing = withRestartOffer(handlersWith(vi.fn(() => Promise.reject(new Error('not a backup')))), offer);
    const result = await dispatchCall(failing, 'library:restore', { file: '/b.offprint' });
    expect(result.ok).toBe(false);
    await new Promise((resolve) => setImmediate(resolve));
    expect(offer).not.toHaveBeenCalled();
  });

  it('leaves every other handler as it was', () => {
    const original = handlersWith(vi.fn());
    const wrapped = withRestartOffer(original, vi.fn());
    for (const name of callNames) if (name !== 'library:restore') expect(wrapped[name]).toBe(original[name]);
  });
});
