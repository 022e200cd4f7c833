import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openLibrary, type Library } from '../../../electron/core/Library.ts';
import { RefreshScheduler, type RefreshSchedulerOptions } from '../../../electron/core/refresh/RefreshScheduler.ts';
import type { IngestEvent } from '../../../electron/shared/model.ts';
import { call } from '../../support/callHandlers.ts';
import { createTempDirectory } from '../../support/tempDirectory.ts';
import type { FixtureRoute } from '../../support/startFixtureServer.ts';
import { ManualTime } from '../../unit/refresh/ManualTime.ts';
import { METALS, startWires, subscribeBoth, type Wires } from '../topics/topicWires.ts';

const MINUTE = 60_000;

let wires: Wires;
let temp: ReturnType<typeof createTempDirectory>;
let time: ManualTime;
let library: Library;
let scheduler: RefreshScheduler | undefined;
let refreshes: IngestEvent[];

beforeAll(async () => {
  wires = await startWires();
});
afterAll(async () => {
  await wires.close();
});
beforeEach(async () => {
  temp = createTempDirectory('refresh');
  time = new ManualTime();
  wires.publish('/metals.xml', METALS);
  wires.publish('/farm.xml', METALS.slice(0, 2));
  // The library and the scheduler share one clock: next_fetch_at and the ticks agree.
  library = await openLibrary({ dataDir: join(temp.path, 'data'), clock: time.clock });
  // Ingest schedules a healthy feed's next fetch by the refresh setting: an hour here, while the scheduler
  // below ticks every 30 minutes, so a tick can find feeds not yet due.
  library.settings.update({ refreshMinutes: 60 });
  refreshes = [];
  library.events.subscribe((name, payload) => {
    const progress = payload as IngestEvent;
    if (name === 'ingest:progress' && progress.kind === 'refresh-started') refreshes.push(progress);
  });
  scheduler = undefined;
});
afterEach(async () => {
  await scheduler?.stop();
  await library.close();
  temp.dispose();
});

function startScheduler(options: Partial<RefreshSchedulerOptions> = {}): RefreshScheduler {
  scheduler = new RefreshScheduler({
    library,
    intervalMinutes: 30,
    startDelayMs: 0,
    clock: time.clock,
    timers: time,
    onError: (error) => {
      throw error;
    },
    ...options,
  });
  scheduler.start();
  return scheduler;
}

function hits(): { metals: number; farm: number } {
  return { metals: wires.server.hits('/metals.xml'), farm: wires.server.hits('/farm.xml') };
}

/** Moves the clock on, firing timers, and waits for the refresh a timer started. */
function advance(ms: number): Promise<void> {
  return time.advance(ms, () => scheduler?.idle() ?? Promise.resolve());
}

/** A route that answers (with an empty channel) only once released: a refresh caught in flight. */
function holdRoute(path: '/metals.xml' | '/farm.xml'): { release: () => void } {
  let release = (): void => undefined;
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  const handler: FixtureRoute = (_request, response) => {
    void held.then(() => {
      response
        .writeHead(200, { 'content-type': 'application/rss+xml' })
        .end('<rss version="2.0"><channel><title>Held</title></channel></rss>');
    });
  };
  wires.server.route(path, handler);
  return { release };
}

describe('RefreshScheduler against a real library', () => {
  it('refreshes on the interval, only once the feeds are due by their own schedule', async () => {
    await subscribeBoth(library, wires);
    const afterSubscribe = hits();
    startScheduler();
    await advance(0);
    // Just fetched: nothing is due at the first check, so nothing is fetched and no refresh is reported.
    expect(hits()).toEqual(afterSubscribe);
    expect(refreshes).toHaveLength(0);
    // Ingest schedules a healthy feed an hour on; the 30-minute tick finds it not due.
    await advance(30 * MINUTE);
    expect(hits()).toEqual(afterSubscribe);
    await advance(30 * MINUTE);
    expect(hits()).toEqual({ metals: afterSubscribe.metals + 1, farm: afterSubscribe.farm + 1 });
    expect(refreshes).toEqual([{ kind: 'refresh-started', feedCount: 2 }]);
    // The timer is re-armed for the next interval.
    expect(time.nextDelay()).toBe(30 * MINUTE);
  });

  it('refreshes only the feeds that are due, so a failing feed keeps its back-off', async () => {
    await subscribeBoth(library, wires);
    // The farm wire starts failing: its next fetch backs off 15 minutes, then 30.
    wires.server.route('/farm.xml', (_request, response) => {
      response.writeHead(500, { 'content-type': 'text/plain' }).end('down');
    });
    await call(library, 'feeds:refresh', {});
    const before = hits();
    startScheduler();
    await advance(0);
    expect(hits()).toEqual(before);
    await advance(30 * MINUTE);
    expect(hits()).toEqual({ metals: before.metals, farm: before.farm + 1 });
    expect(refreshes.at(-1)).toEqual({ kind: 'refresh-started', feedCount: 1 });
    const farm = library.store.reader.feedsToRefresh().find((feed) => feed.url === wires.farmUrl);
    expect(farm?.errorCount).toBe(2);
  });

  it('holds while offline and catches up at once when back online', async () => {
    await subscribeBoth(library, wires);
    const before = hits();
    const started = startScheduler();
    started.setOnline(false);
    expect(started.pause).toBe('offline');
    await advance(3 * 60 * MINUTE);
    expect(hits()).toEqual(before);
    expect(time.pendingCount()).toBe(0);
    started.setOnline(true);
    await started.idle();
    expect(hits()).toEqual({ metals: before.metals + 1, farm: before.farm + 1 });
    expect(time.nextDelay()).toBe(30 * MINUTE);
  });

  it('holds on a metered connection only when told to', async () => {
    await subscribeBoth(library, wires);
    const before = hits();
    const held = startScheduler();
    held.setMetered(true);
    expect(held.pause).toBe('metered');
    await advance(2 * 60 * MINUTE);
    expect(hits()).toEqual(before);
    await held.stop();

    const unheld = startScheduler({ pauseWhenMetered: false });
    unheld.setMetered(true);
    expect(unheld.pause).toBeNull();
    await unheld.idle();
    expect(hits()).toEqual({ metals: before.metals + 1, farm: before.farm + 1 });
  });

  it('catches up on wake by the wall clock, not by timers that slept', async () => {
    await subscribeBoth(library, wires);
    const started = startScheduler();
    await advance(60 * MINUTE);
    const afterFirst = hits();
    expect(afterFirst.metals).toBeGreaterThan(0);
    // Ten minutes later: waking re-arms but fetches nothing.
    await advance(10 * MINUTE);
    started.wake();
    await started.idle();
    expect(hits()).toEqual(afterFirst);
    expect(time.nextDelay()).toBe(20 * MINUTE);
    // The machine sleeps two hours; its timer did not count them. Waking refreshes now.
    time.sleep(2 * 60 * MINUTE);
    started.wake();
    await started.idle();
    expect(hits()).toEqual({ metals: afterFirst.metals + 1, farm: afterFirst.farm + 1 });
  });

  it('follows a change of the interval and of the metered setting at once', async () => {
    await subscribeBoth(library, wires);
    const scheduler = startScheduler();
    await advance(60 * MINUTE);
    const afterFirst = hits();
    expect(afterFirst.metals).toBeGreaterThan(0);
    await advance(10 * MINUTE);
    // Two hours now: the next tick is two hours after the last, ten minutes of which have gone.
    scheduler.setIntervalMinutes(120);
    expect(time.nextDelay()).toBe(110 * MINUTE);
    // Five minutes: the last tick is already older than that, so it runs at once.
    scheduler.setIntervalMinutes(5);
    await scheduler.idle();
    expect(time.nextDelay()).toBe(5 * MINUTE);
    expect(() => {
      scheduler.setIntervalMinutes(0);
    }).toThrow(/0/);

    scheduler.setMetered(true);
    expect(scheduler.pause).toBe('metered');
    scheduler.setPauseWhenMetered(false);
    expect(scheduler.pause).toBeNull();
  });

  it('never overlaps a manual refresh: a tick during one waits for it and then finds nothing due', async () => {
    await subscribeBoth(library, wires);
    startScheduler();
    await advance(50 * MINUTE);
    const held = holdRoute('/metals.xml');
    const before = hits();
    const manual = call(library, 'feeds:refresh', {});
    await vi.waitFor(() => {
      expect(hits().metals).toBe(before.metals + 1);
    });
    // The next tick (60 minutes in) would find both feeds due; a refresh is running, so it waits.
    await advance(10 * MINUTE);
    expect(refreshes).toHaveLength(1);
    held.release();
    await manual;
    await scheduler?.idle();
    expect(refreshes).toHaveLength(1);
    expect(hits()).toEqual({ metals: before.metals + 1, farm: before.farm + 1 });
    expect(time.nextDelay()).toBe(30 * MINUTE);
  });

  it('stop() waits for its running refresh and leaves no timer', async () => {
    await subscribeBoth(library, wires);
    const started = startScheduler();
    const held = holdRoute('/farm.xml');
    const order: string[] = [];
    library.events.subscribe((name, payload) => {
      if (name === 'ingest:progress' && (payload as IngestEvent).kind === 'refresh-finished') order.push('finished');
    });
    await advance(59 * MINUTE);
    // No settling: the tick at 60 minutes starts a refresh that stays in flight.
    await time.advance(MINUTE);
    expect(refreshes).toHaveLength(1);
    const stopping = started.stop().then(() => order.push('stopped'));
    held.release();
    await stopping;
    expect(order).toEqual(['finished', 'stopped']);
    expect(time.pendingCount()).toBe(0);
    await time.advance(5 * 60 * MINUTE);
    expect(refreshes).toHaveLength(1);
  });

  it('refuses an interval outside 1 to 1440 minutes, naming the value', () => {
    for (const minutes of [0, -5, 1441, Number.NaN]) {
      expect(() => new RefreshScheduler({ library, intervalMinutes: minutes })).toThrow(
        `RefreshScheduler: the refresh interval must be 1 to 1440 minutes (got ${minutes})`,
      );
    }
  });
});
