import { describe, expect, it } from 'vitest';
import { isBeaconUrl } from '../../../../electron/core/extract/images/isBeaconUrl.ts';

describe('isBeaconUrl', () => {
  it.each([
    'https://ad.doubleclick.net/ddm/activity/src=1;type=x;ord=1',
    'https://www.google-analytics.com/collect?v=1&t=pageview',
    'https://www.facebook.com/tr?id=1&ev=PageView&noscript=1',
    'https://facebook.com/tr/',
    'https://sb.scorecardresearch.com/p?c1=2&c2=1',
    'https://pixel.wp.com/g.gif?blog=1',
    'https://feeds.feedburner.com/~r/Example/~4/abcdef',
    'https://news.example/pixel?article=7',
    'https://news.example/t/beacon.gif',
    'https://cdn.example/img/1x1.png',
  ])('flags %s', (url) => {
    expect(isBeaconUrl(new URL(url))).toBe(true);
  });

  it.each([
    'https://news.example/images/pixel-art-review.png',
    'https://notdoubleclick.net/photo.jpg',
    'https://www.facebook.com/tree.jpg',
    'https://www.facebook.com/photo.php?fbid=1',
    'https://feeds.feedburner.com/Example',
    'https://cdn.example/pixels/2024/harbour.jpg',
  ])('keeps %s', (url) => {
    expect(isBeaconUrl(new URL(url))).toBe(false);
  });
});
