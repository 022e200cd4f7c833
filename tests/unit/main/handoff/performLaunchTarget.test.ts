import { beforeEach, describe, expect, it, vi } from 'vitest';
import { performLaunchTarget, type LaunchFiles } from '../../../../electron/main/handoff/performLaunchTarget.ts';
import { callNames, MAX_CLIP_HTML_CHARS, type Handlers } from '../../../../electron/shared/contract.ts';
import { OffprintError } from '../../../../electron/shared/errors.ts';

let handlers: Record<string, ReturnType<typeof vi.fn>>;
let files: { [Key in keyof LaunchFiles]: ReturnType<typeof vi.fn> };

function perform(target: Parameters<typeof performLaunchTarget>[0]) {
  return performLaunchTarget(target, {
    handlers: handlers as unknown as Handlers,
    files: files as unknown as LaunchFiles,
  });
}

beforeEach(() => {
  handlers = Object.fromEntries(callNames.map((name) => [name, vi.fn()]));
  files = { size: vi.fn(() => Promise.resolve(100)), readText: vi.fn(() => Promise.resolve('<html>page</html>')) };
});

describe('performLaunchTarget', () => {
  it('subscribes through feeds:add and names the feed', async () => {
    handlers['feeds:add']?.mockResolvedValue({
      feed: { title: 'Commodities Wire', url: 'https://example.com/feed.xml' },
    });
    const outcome = await perform({ kind: 'subscribe', url: 'https://example.com/feed.xml' });
    expect(handlers['feeds:add']).toHaveBeenCalledWith({ url: 'https://example.com/feed.xml' });
    expect(outcome).toEqual({
      ok: true,
      message: 'Following “Commodities Wire”.',
      detail: 'New articles from https://example.com/feed.xml appear in your list.',
    });
  });

  it('clips a web page through articles:clip and says how many images are missing', async () => {
    handlers['articles:clip']?.mockResolvedValue({
      article: { title: 'Copper rises' },
      imagesMissing: [{}, {}],
      warnings: [],
    });
    const outcome = await perform({ kind: 'clip-url', url: 'https://example.com/copper' });
    expect(handlers['articles:clip']).toHaveBeenCalledWith({ url: 'https://example.com/copper' });
    expect(outcome).toEqual({
      ok: true,
      message: 'Saved “Copper rises”.',
      detail: 'It is in Saved; 2 images could not be saved.',
    });
  });

  it('clips an HTML file with its content and name', async () => {
    handlers['articles:clip']?.mockResolvedValue({ article: { title: 'Saved page' }, imagesMissing: [], warnings: [] });
    const outcome = await perform({ kind: 'clip-file', file: '/tmp/page.html' });
    expect(files.readText).toHaveBeenCalledWith('/tmp/page.html');
    expect(handlers['articles:clip']).toHaveBeenCalledWith({ html: '<html>page</html>', fileName: '/tmp/page.html' });
    expect(outcome.ok).toBe(true);
  });

  it('imports an OPML file and counts what was added, already followed and skipped', async () => {
    files.readText.mockResolvedValue('<opml/>');
    handlers['opml:import']?.mockResolvedValue({
      added: [{}, {}, {}],
      duplicates: ['a'],
      problems: ['outline 4 has no xmlUrl'],
      recovered: false,
    });
    const outcome = await perform({ kind: 'import-opml', file: '/tmp/feeds.opml' });
    expect(handlers['opml:import']).toHaveBeenCalledWith({ content: '<opml/>' });
    expect(outcome).toEqual({
      ok: true,
      message: 'Now following 3 new feeds from feeds.opml.',
      detail: '1 feed you already follow.\n1 entry skipped: outline 4 has no xmlUrl',
    });
  });

  it("reports the library's reason when a call fails, without throwing", async () => {
    handlers['articles:clip']?.mockRejectedValue(
      new OffprintError('feed-error', 'articles:clip: https://example.com/x answered 404'),
    );
    const outcome = await perform({ kind: 'clip-url', url: 'https://example.com/x' });
    expect(outcome).toEqual({
      ok: false,
      message: 'Offprint could not save https://example.com/x.',
      detail: 'articles:clip: https://example.com/x answered 404',
    });
  });

  it('refuses a file too large for the call before reading it, and one that cannot be read', async () => {
    files.size.mockResolvedValue(MAX_CLIP_HTML_CHARS + 1);
    const big = await perform({ kind: 'clip-file', file: '/tmp/huge.html' });
    expect(big.ok).toBe(false);
    expect(big.detail).toContain('the limit is');
    expect(files.readText).not.toHaveBeenCalled();
    files.size.mockRejectedValue(new Error('ENOENT: no such file'));
    const missing = await perform({ kind: 'import-opml', file: '/tmp/gone.opml' });
    expect(missing).toEqual({
      ok: false,
      message: 'Offprint could not import gone.opml.',
      detail: '/tmp/gone.opml could not be read (ENOENT: no such file)',
    });
    expect(handlers['opml:import']).not.toHaveBeenCalled();
  });

  it('checks the payload with the contract schema like every caller (a clip link is re-checked)', async () => {
    const outcome = await perform({ kind: 'clip-url', url: 'not a url' });
    expect(outcome.ok).toBe(false);
    expect(handlers['articles:clip']).not.toHaveBeenCalled();
  });
});
