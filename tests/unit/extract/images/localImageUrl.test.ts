import { describe, expect, it } from 'vitest';
import {
  LOCAL_IMAGE_SCHEME,
  localImageUrl,
  parseLocalImageUrl,
} from '../../../../electron/core/extract/images/localImageUrl.ts';
import { IMAGE_TYPES } from '../../../../electron/core/extract/images/ImageType.ts';

const HASH = 'ab'.repeat(32);

describe('localImageUrl', () => {
  it.each(IMAGE_TYPES)('round-trips %s', (type) => {
    const url = localImageUrl(HASH, type);
    expect(url.startsWith(`${LOCAL_IMAGE_SCHEME}://${HASH}.`)).toBe(true);
    expect(parseLocalImageUrl(url)).toMatchObject({ hash: HASH, type });
  });

  it('writes JPEG as .jpg', () => {
    expect(localImageUrl(HASH, 'image/jpeg')).toBe(`offprint-image://${HASH}.jpg`);
    expect(parseLocalImageUrl(`offprint-image://${HASH}.jpg`)).toEqual({
      hash: HASH,
      extension: 'jpg',
      type: 'image/jpeg',
    });
  });

  it('refuses to build a URL from something that is not a hash', () => {
    expect(() => localImageUrl('../../etc/passwd', 'image/png')).toThrow(/localImageUrl: "\.\.\/\.\.\/etc\/passwd"/);
    expect(() => localImageUrl(HASH.toUpperCase(), 'image/png')).toThrow(/not a SHA-256 hash/);
  });
});

describe('parseLocalImageUrl', () => {
  it('accepts the one trailing slash Chromium adds to a standard scheme', () => {
    expect(parseLocalImageUrl(`offprint-image://${HASH}.png/`)).toMatchObject({ hash: HASH, extension: 'png' });
  });

  it.each([
    ['a parent directory', `offprint-image://../${HASH}.png`],
    ['a traversal inside the name', `offprint-image://${HASH.slice(0, 60)}/../.png`],
    ['an encoded traversal', `offprint-image://%2e%2e%2f${HASH.slice(0, 55)}.png`],
    ['a path after the name', `offprint-image://${HASH}.png/../../secret`],
    ['63 hex digits', `offprint-image://${HASH.slice(1)}.png`],
    ['65 hex digits', `offprint-image://${HASH}a.png`],
    ['no hash', 'offprint-image://.png'],
    ['upper-case hex', `offprint-image://${HASH.toUpperCase()}.png`],
    ['an upper-case extension', `offprint-image://${HASH}.PNG`],
    ['a non-hex letter', `offprint-image://${'g'.repeat(64)}.png`],
    ['a space', `offprint-image://${HASH} .png`],
    ['an unknown extension', `offprint-image://${HASH}.svg`],
    ['.jpeg instead of .jpg', `offprint-image://${HASH}.jpeg`],
    ['no extension', `offprint-image://${HASH}`],
    ['two extensions', `offprint-image://${HASH}.png.png`],
    ['a query', `offprint-image://${HASH}.png?x=1`],
    ['a fragment', `offprint-image://${HASH}.png#x`],
    ['two trailing slashes', `offprint-image://${HASH}.png//`],
    ['leading whitespace', ` offprint-image://${HASH}.png`],
    ['another scheme', `https://${HASH}.png`],
    ['a look-alike scheme', `offprint-images://${HASH}.png`],
    ['a file URL', `file:///images/ab/${HASH}.png`],
  ])('rejects %s', (_name, url) => {
    expect(parseLocalImageUrl(url)).toBeNull();
  });
});
