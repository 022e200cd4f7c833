import { describe, expect, it } from 'vitest';
import { launchTargetsFromArgv, parseLaunchArgument } from '../../../../electron/main/handoff/parseLaunchTargets.ts';

const CWD = '/home/ana/Downloads';

describe('parseLaunchArgument', () => {
  it('reads offprint://subscribe and offprint://clip links, with or without the trailing slash', () => {
    expect(parseLaunchArgument('offprint://subscribe?url=https%3A%2F%2Fexample.com%2Ffeed.xml', CWD)).toEqual({
      ok: true,
      target: { kind: 'subscribe', url: 'https://example.com/feed.xml' },
    });
    expect(parseLaunchArgument('offprint://clip/?url=http://example.com/story?id=4', CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-url', url: 'http://example.com/story?id=4' },
    });
    expect(parseLaunchArgument('offprint:clip?url=https://example.com/a', CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-url', url: 'https://example.com/a' },
    });
  });

  it('keeps an encoded inner address whole, query included', () => {
    const link = `offprint://clip?url=${encodeURIComponent('https://example.com/story?id=4&page=2')}`;
    expect(parseLaunchArgument(link, CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-url', url: 'https://example.com/story?id=4&page=2' },
    });
  });

  it('refuses offprint links it does not know, or whose address is missing or not http(s)', () => {
    for (const link of [
      'offprint://delete?url=https://example.com/',
      'offprint://subscribe',
      'offprint://clip?url=file:///etc/passwd',
      'offprint://clip?url=javascript:alert(1)',
      'offprint://clip?url=not%20a%20url',
    ]) {
      const parsed = parseLaunchArgument(link, CWD);
      expect(parsed.ok, link).toBe(false);
      if (!parsed.ok) expect(parsed.refused.argument).toBe(link);
    }
    const unknown = parseLaunchArgument('offprint://delete?url=https://example.com/', CWD);
    expect(unknown).toMatchObject({
      ok: false,
      refused: { reason: expect.stringContaining('unknown offprint: link "delete"') as string },
    });
  });

  it('clips a bare web address', () => {
    expect(parseLaunchArgument('https://example.com/story', CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-url', url: 'https://example.com/story' },
    });
  });

  it('imports .opml files and clips .html/.htm files, relative paths from the launching folder', () => {
    expect(parseLaunchArgument('feeds.OPML', CWD)).toEqual({
      ok: true,
      target: { kind: 'import-opml', file: '/home/ana/Downloads/feeds.OPML' },
    });
    expect(parseLaunchArgument('/tmp/page.html', CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-file', file: '/tmp/page.html' },
    });
    expect(parseLaunchArgument('file:///tmp/My%20page.htm', CWD)).toEqual({
      ok: true,
      target: { kind: 'clip-file', file: '/tmp/My page.htm' },
    });
  });

  it('refuses other files and other schemes with a reason', () => {
    expect(parseLaunchArgument('/tmp/notes.txt', CWD)).toMatchObject({
      ok: false,
      refused: { reason: expect.stringContaining('only .opml') as string },
    });
    expect(parseLaunchArgument('javascript:alert(1)', CWD)).toMatchObject({
      ok: false,
      refused: { reason: 'javascript: addresses are not opened by Offprint' },
    });
    expect(parseLaunchArgument('ftp://example.com/feeds.opml', CWD).ok).toBe(false);
    expect(parseLaunchArgument('file://server/share/feeds.opml', CWD).ok).toBe(false);
    expect(parseLaunchArgument('  ', CWD).ok).toBe(false);
  });
});

describe('launchTargetsFromArgv', () => {
  it('skips the packaged executable and every switch, and reads the rest', () => {
    const result = launchTargetsFromArgv({
      argv: [
        '/opt/Offprint/offprint',
        '--allow-file-access-from-files',
        '--original-process-start-time=13370000',
        'feeds.opml',
        '-psn_0_12345',
        'offprint://clip?url=https://example.com/a',
      ],
      workingDirectory: CWD,
      isPackaged: true,
    });
    expect(result).toEqual({
      targets: [
        { kind: 'import-opml', file: '/home/ana/Downloads/feeds.opml' },
        { kind: 'clip-url', url: 'https://example.com/a' },
      ],
      refused: [],
    });
  });

  it('skips the app folder when unpackaged (electron .)', () => {
    expect(
      launchTargetsFromArgv({
        argv: ['/usr/lib/electron', '.', 'https://example.com/'],
        workingDirectory: CWD,
        isPackaged: false,
      }),
    ).toEqual({ targets: [{ kind: 'clip-url', url: 'https://example.com/' }], refused: [] });
  });

  it('lists what it refused, and a plain launch has nothing to do', () => {
    expect(
      launchTargetsFromArgv({ argv: ['/opt/Offprint/offprint'], workingDirectory: CWD, isPackaged: true }),
    ).toEqual({
      targets: [],
      refused: [],
    });
    const result = launchTargetsFromArgv({ argv: ['offprint', 'report.pdf'], workingDirectory: CWD, isPackaged: true });
    expect(result.targets).toEqual([]);
    expect(result.refused).toEqual([
      { argument: 'report.pdf', reason: expect.stringContaining('only .opml') as string },
    ]);
  });
});
