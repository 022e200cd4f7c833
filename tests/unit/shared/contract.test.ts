import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  callNames,
  contract,
  eventNames,
  isCallName,
  parseRequest,
  type Handlers,
} from '../../../electron/shared/contract.ts';
import { dispatchCall, missingHandlers } from '../../../electron/shared/dispatch.ts';
import { OffprintError } from '../../../electron/shared/errors.ts';
import { OFFPRINT_VERSION } from '../../../electron/core/version.ts';

describe('the contract', () => {
  it('names every call domain:verb and every event likewise', () => {
    for (const name of [...callNames, ...eventNames]) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
    expect(callNames).toContain('feeds:add');
    expect(isCallName('feeds:add')).toBe(true);
    expect(isCallName('toString')).toBe(false);
    expect(isCallName('__proto__')).toBe(false);
  });

  it('rejects unknown fields, so a typo never silently does nothing', () => {
    expect(parseRequest('articles:list', { unred: true })).toMatchObject({ ok: false });
    expect(parseRequest('articles:list', {})).toEqual({ ok: true, value: { sort: 'newest', limit: 50, offset: 0 } });
  });

  it('has a summary for every call', () => {
    for (const name of callNames) expect(contract.calls[name].summary.length).toBeGreaterThan(10);
  });
});

describe('dispatchCall', () => {
  const handlers = Object.fromEntries(
    callNames.map((name) => [name, () => Promise.resolve(name)]),
  ) as unknown as Handlers;

  it('parses, calls and wraps the value', async () => {
    expect(missingHandlers(handlers)).toEqual([]);
    expect(await dispatchCall(handlers, 'app:info', {})).toEqual({ ok: true, value: 'app:info' });
  });

  it('turns a bad payload into bad-request naming the field, without calling the handler', async () => {
    let called = false;
    const spy = { ...handlers, 'articles:get': () => ((called = true), Promise.resolve('x')) } as unknown as Handlers;
    const result = await dispatchCall(spy, 'articles:get', { id: 7 });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('bad-request');
    expect(result.error.message).toMatch(/^articles:get: invalid id: /);
    expect(called).toBe(false);
  });

  it('keeps thrown errors inside the envelope', async () => {
    const failing = {
      ...handlers,
      'feeds:list': () => Promise.reject(new OffprintError('unavailable', 'feeds:list: library is closed')),
      'app:info': () => Promise.reject(new Error('disk gone')),
    } as unknown as Handlers;
    expect(await dispatchCall(failing, 'feeds:list', {})).toEqual({
      ok: false,
      error: { code: 'unavailable', message: 'feeds:list: library is closed' },
    });
    expect(await dispatchCall(failing, 'app:info', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: 'disk gone' },
    });
  });
});

describe('version', () => {
  it('matches package.json', () => {
    const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
      version: string;
    };
    expect(OFFPRINT_VERSION).toBe(packageJson.version);
  });
});
