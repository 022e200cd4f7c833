import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { resolveRendererPath, serveRendererFile } from '../../../electron/main/protocol/serveRendererFile.ts';

const root = path.resolve('/app/out/renderer');

describe('resolveRendererPath', () => {
  it.each([
    ['offprint-app://renderer/', 'index.html'],
    ['offprint-app://renderer/index.html', 'index.html'],
    ['offprint-app://renderer/index.html?x=1#/saved', 'index.html'],
    ['offprint-app://renderer/assets/index-abc123.js', 'assets/index-abc123.js'],
    ['offprint-app://renderer/assets/', 'assets/index.html'],
    ['offprint-app://renderer/fonts/Source%20Serif.woff2', 'fonts/Source Serif.woff2'],
    // The URL parser resolves dot segments, plain or encoded, and clamps them at the root.
    ['offprint-app://renderer/assets/../index.html', 'index.html'],
    ['offprint-app://renderer/../../etc/passwd', 'etc/passwd'],
    ['offprint-app://renderer/%2e%2e/%2e%2e/etc/passwd', 'etc/passwd'],
  ])('maps %s to %s', (url, relative) => {
    expect(resolveRendererPath(root, url)).toBe(path.join(root, relative));
  });

  it.each([
    'offprint-app://renderer/..%2f..%2fetc%2fpasswd',
    'offprint-app://renderer/..%2F..%2Fetc%2Fpasswd',
    'offprint-app://renderer/assets/..%5c..%5csecret',
    'offprint-app://renderer/..\\..\\secret',
    'offprint-app://renderer/assets\\..\\..\\secret',
    'offprint-app://renderer//etc/passwd',
    'offprint-app://renderer/%2Fetc/passwd',
    'offprint-app://renderer/C:/Windows/win.ini',
    'offprint-app://renderer/c%3A%5CWindows%5Cwin.ini',
    'offprint-app://renderer/index.html%00.png',
    'offprint-app://renderer/index.html::$DATA',
    'offprint-app://renderer/%E0%A4%A',
    'offprint-app://other/index.html',
    'offprint-app://renderer:8080/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    'not a url',
  ])('refuses %s', (url) => {
    expect(resolveRendererPath(root, url)).toBeNull();
  });

  it('decodes once: a double-encoded dot is a literal file name inside the root', () => {
    expect(resolveRendererPath(root, 'offprint-app://renderer/%252e%252e/secret')).toBe(
      path.join(root, '%2e%2e', 'secret'),
    );
  });

  it('stays inside a root given as a relative path', () => {
    const resolved = resolveRendererPath('out/renderer', 'offprint-app://renderer/index.html');
    expect(resolved).toBe(path.resolve('out/renderer/index.html'));
  });
});

describe('serveRendererFile', () => {
  const policy = "default-src 'self'";

  it('serves a file with its type, the CSP and nosniff', async () => {
    const readFile = vi.fn(() => Promise.resolve(new TextEncoder().encode('<!doctype html>')));
    const handle = serveRendererFile({ rootDirectory: root, contentSecurityPolicy: policy, readFile });
    const response = await handle(new Request('offprint-app://renderer/'));
    expect(readFile).toHaveBeenCalledWith(path.join(root, 'index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(policy);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toBe('<!doctype html>');
  });

  it('answers 404 (with the CSP) for traversal and missing files, without reading outside', async () => {
    const readFile = vi.fn(() => Promise.reject(new Error('ENOENT')));
    const handle = serveRendererFile({ rootDirectory: root, contentSecurityPolicy: policy, readFile });
    const traversal = await handle(new Request('offprint-app://renderer/..%2f..%2fetc%2fpasswd'));
    expect(traversal.status).toBe(404);
    expect(traversal.headers.get('content-security-policy')).toBe(policy);
    expect(readFile).not.toHaveBeenCalled();
    const missing = await handle(new Request('offprint-app://renderer/missing.js'));
    expect(missing.status).toBe(404);
  });

  it('refuses methods other than GET and HEAD', async () => {
    const readFile = vi.fn(() => Promise.resolve(new Uint8Array()));
    const handle = serveRendererFile({ rootDirectory: root, contentSecurityPolicy: policy, readFile });
    const response = await handle(new Request('offprint-app://renderer/index.html', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(readFile).not.toHaveBeenCalled();
  });
});
