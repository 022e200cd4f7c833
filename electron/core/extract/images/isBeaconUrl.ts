/**
 * Known tracking-beacon sources, matched on the host (and its subdomains).
 * A short hand-picked list of the analytics and ad hosts that actually show
 * up as <img> in feed and article HTML, after EasyPrivacy's most common
 * entries — not the whole list (tens of thousands of rules, updated daily,
 * aimed at browsers). A miss costs one tiny download; a 1×1 result without
 * size attributes is still dropped after download.
 */
export const BEACON_HOSTS: readonly string[] = Object.freeze([
  'doubleclick.net',
  'google-analytics.com',
  'googletagmanager.com',
  'googlesyndication.com',
  'googleadservices.com',
  'scorecardresearch.com',
  'quantserve.com',
  'chartbeat.net',
  'chartbeat.com',
  'omtrdc.net',
  '2o7.net',
  'demdex.net',
  'krxd.net',
  'adnxs.com',
  'mathtag.com',
  'moatads.com',
  'adsafeprotected.com',
  'amazon-adsystem.com',
  'bat.bing.com',
  'pixel.wp.com',
  'stats.wp.com',
  'feedsportal.com',
  'analytics.twitter.com',
  'ads-twitter.com',
  'px.ads.linkedin.com',
  'mc.yandex.ru',
  'hit.gemius.pl',
]);

/** Beacons that live on hosts which also serve real content: host (and subdomains) plus a path prefix. */
export const BEACON_PATHS: readonly (readonly [host: string, pathPrefix: string])[] = Object.freeze([
  ['facebook.com', '/tr'],
  ['linkedin.com', '/px'],
  ['t.co', '/i/adsct'],
  // FeedBurner's per-item "~r" images are view counters.
  ['feeds.feedburner.com', '/~r/'],
  ['feedproxy.google.com', '/~r/'],
]);

/** File or directory names (extension ignored) that mean "beacon" on any host: `/pixel`, `/beacon.gif`, `/b/1x1.png`. */
export const BEACON_NAMES: readonly string[] = Object.freeze([
  'pixel',
  'beacon',
  'tracking-pixel',
  'trackingpixel',
  'tracker',
  '1x1',
  'spacer',
  'piwik',
  'matomo',
]);

const beaconNames = new Set(BEACON_NAMES);

/** Whether `url` is a known tracking beacon (see BEACON_HOSTS, BEACON_PATHS, BEACON_NAMES). */
export function isBeaconUrl(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  if (BEACON_HOSTS.some((beacon) => isHostOrSubdomain(host, beacon))) return true;
  const path = url.pathname;
  for (const [beaconHost, prefix] of BEACON_PATHS) {
    const within = prefix.endsWith('/') ? path.startsWith(prefix) : path === prefix || path.startsWith(`${prefix}/`);
    if (within && isHostOrSubdomain(host, beaconHost)) return true;
  }
  return path
    .toLowerCase()
    .split('/')
    .some((segment) => beaconNames.has(segment.replace(/\.[a-z0-9]+$/, '')));
}

function isHostOrSubdomain(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}
