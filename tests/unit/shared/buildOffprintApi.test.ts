import { describe, expect, it, vi } from 'vitest';
import { buildOffprintApi } from '../../../electron/shared/buildOffprintApi.ts';
import {
  callNames,
  eventNames,
  splitCallName,
  type CallName,
  type EventName,
} from '../../../electron/shared/contract.ts';

function build() {
  const invoke = vi.fn((_name: CallName, _request: unknown) => Promise.resolve<unknown>({ ok: true, value: 1 }));
  const unsubscribe = vi.fn();
  const subscribe = vi.fn((_name: EventName, _listener: (payload: unknown) => void) => unsubscribe);
  return { api: buildOffprintApi({ invoke, subscribe }), invoke, subscribe, unsubscribe };
}

/** Reads `api[domain][verb]` without the contract's static types. */
function callOf(api: object, domain: string, verb: string): (request: unknown) => Promise<unknown> {
  const group = (api as Record<string, Record<string, unknown> | undefined>)[domain];
  const call = group?.[verb];
  if (typeof call !== 'function') throw new Error(`no offprint.${domain}.${verb}`);
  return call as (request: unknown) => Promise<unknown>;
}

describe('buildOffprintApi', () => {
  it('has one function per contract call, grouped by domain, plus on — and nothing else', () => {
    const { api } = build();
    const expected = new Map<string, string[]>();
    for (const name of callNames) {
      const [domain, verb] = splitCallName(name);
      expected.set(domain, [...(expected.get(domain) ?? []), verb]);
    }
    expect(Object.keys(api).sort()).toEqual([...expected.keys(), 'on'].sort());
    for (const [domain, verbs] of expected) {
      const group = (api as unknown as Record<string, Record<string, unknown>>)[domain] ?? {};
      expect(Object.keys(group).sort()).toEqual([...verbs].sort());
      for (const verb of verbs) expect(typeof group[verb]).toBe('function');
    }
    expect(typeof api.on).toBe('function');
  });

  it('invokes each call by its contract name with the request as given', async () => {
    const { api, invoke } = build();
    for (const name of callNames) {
      const [domain, verb] = splitCallName(name);
      const request = { probe: name };
      await expect(callOf(api, domain, verb)(request)).resolves.toEqual({ ok: true, value: 1 });
      expect(invoke).toHaveBeenLastCalledWith(name, request);
    }
    expect(invoke).toHaveBeenCalledTimes(callNames.length);
  });

  it('answers a rejected invoke with an unavailable envelope, never a rejection', async () => {
    const { api, invoke } = build();
    invoke.mockRejectedValueOnce(new Error("No handler registered for 'offprint:feeds:list'"));
    await expect(api.feeds.list({})).resolves.toEqual({
      ok: false,
      error: { code: 'unavailable', message: "feeds:list: No handler registered for 'offprint:feeds:list'" },
    });
  });

  it('subscribes to contract events by name and hands the listener the payload only', () => {
    const { api, subscribe, unsubscribe } = build();
    for (const name of eventNames) {
      const listener = vi.fn();
      const stop = api.on(name, listener);
      expect(subscribe).toHaveBeenLastCalledWith(name, expect.any(Function));
      const forward = subscribe.mock.lastCall?.[1];
      forward?.({ reason: 'feeds', feedIds: [] });
      expect(listener).toHaveBeenCalledExactlyOnceWith({ reason: 'feeds', feedIds: [] });
      stop();
    }
    expect(unsubscribe).toHaveBeenCalledTimes(eventNames.length);
  });

  it.each(['nope', 'feeds:add', '__proto__', 'toString', ''])(
    'throws for %s, which is not a contract event',
    (name) => {
      const { api, subscribe } = build();
      const on = api.on as (name: string, listener: () => void) => () => void;
      expect(() => on(name, () => undefined)).toThrow(/unknown event/);
      expect(subscribe).not.toHaveBeenCalled();
    },
  );

  it('throws for a listener that is not a function', () => {
    const { api } = build();
    const on = api.on as (name: string, listener: unknown) => () => void;
    expect(() => on('library:changed', 'alert(1)')).toThrow(/not a function/);
  });

  it('is frozen, so the page cannot swap a call for its own', () => {
    const { api } = build();
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.feeds)).toBe(true);
  });
});
