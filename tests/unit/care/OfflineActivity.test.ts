import { describe, expect, it } from 'vitest';
import { EventHub } from '../../../electron/core/EventHub.ts';
import { OfflineActivity } from '../../../electron/core/care/OfflineActivity.ts';
import { offlinePassReport } from './offlinePassReport.ts';

function settledYet(promise: Promise<void>): Promise<boolean> {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  return new Promise((resolve) => {
    setImmediate(() => {
      resolve(settled);
    });
  });
}

describe('OfflineActivity', () => {
  it('is idle until a pass starts, and again once every pass that started has finished', async () => {
    const events = new EventHub();
    const activity = new OfflineActivity(events);
    expect(activity.idle).toBe(true);
    expect(await settledYet(activity.whenIdle())).toBe(true);

    events.emit('offline:progress', { kind: 'started', total: 2 });
    events.emit('offline:progress', { kind: 'started', total: 1 });
    const waiting = activity.whenIdle();
    events.emit('offline:progress', { kind: 'article', done: 1, total: 2, bytes: 10, failed: 0, articleId: 'a' });
    events.emit('offline:progress', { kind: 'finished', report: offlinePassReport() });
    expect(activity.idle).toBe(false);
    expect(await settledYet(waiting)).toBe(false);
    events.emit('offline:progress', { kind: 'finished', report: offlinePassReport(true) });
    expect(activity.idle).toBe(true);
    expect(await settledYet(waiting)).toBe(true);
    activity.dispose();
  });

  it('lets waiters go when disposed, and stops listening', async () => {
    const events = new EventHub();
    const activity = new OfflineActivity(events);
    events.emit('offline:progress', { kind: 'started', total: 1 });
    const waiting = activity.whenIdle();
    activity.dispose();
    expect(await settledYet(waiting)).toBe(true);
    events.emit('offline:progress', { kind: 'started', total: 1 });
    expect(activity.idle).toBe(true);
  });
});
