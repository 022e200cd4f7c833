import { describe, expect, it } from 'vitest';
import { isTrustedSender } from '../../../electron/main/ipc/isTrustedSender.ts';

const origins = ['offprint-app://renderer', 'http://localhost:5173'];

describe('isTrustedSender', () => {
  it.each([
    'offprint-app://renderer/index.html',
    'offprint-app://renderer/index.html#/saved',
    'http://localhost:5173/',
  ])('trusts a top-level frame on an app origin: %s', (url) => {
    expect(isTrustedSender({ url, parent: null }, origins)).toBe(true);
  });

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'offprint-app://other/index.html',
    'offprint-app://renderer@evil.test/',
    'about:blank',
    'about:srcdoc',
    'data:text/html,hi',
    '',
    'not a url',
  ])('refuses a frame at %s', (url) => {
    expect(isTrustedSender({ url, parent: null }, origins)).toBe(false);
  });

  it('refuses a missing frame and a sub-frame', () => {
    expect(isTrustedSender(null, origins)).toBe(false);
    expect(isTrustedSender(undefined, origins)).toBe(false);
    const top = { url: 'offprint-app://renderer/index.html', parent: null };
    expect(isTrustedSender({ url: top.url, parent: top }, origins)).toBe(false);
  });
});
