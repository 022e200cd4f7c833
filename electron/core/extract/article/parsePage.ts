import { parseHTML } from 'linkedom';
import type { MinimalDocument } from './MinimalDocument.ts';
import { absoluteHttpUrl } from './readPageMetadata.ts';

export interface ParsedPage {
  readonly document: MinimalDocument;
  /** The absolute URL relative links resolve against: the page's `<base href>` if it has one, else its URL. */
  readonly baseUrl: string;
}

/**
 * Parses a page with linkedom into a document Readability can work on: a
 * full html/head/body skeleton, exactly one absolute `<base href>`, and a
 * whitespace-normalised `<title>`.
 */
export function parsePage(html: string, url: string): ParsedPage {
  const document = parseDocument(html);
  const baseUrl = normalizeBase(document, url);
  normalizeTitle(document);
  return { document, baseUrl };
}

function parseDocument(html: string): MinimalDocument {
  let document = (parseHTML(html) as unknown as { document: MinimalDocument }).document;
  // A fragment (no <html>) parses into a document whose root is the fragment's first element; give it a proper skeleton.
  if (document.documentElement?.localName !== 'html' || document.body === null) {
    document = (
      parseHTML(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`) as unknown as {
        document: MinimalDocument;
      }
    ).document;
  }
  return document;
}

/**
 * Makes the document carry exactly one absolute `<base href>`: the page's own
 * (resolved against its URL) or the URL itself. Readability resolves links
 * and images against it, so the stored article stands alone offline.
 */
function normalizeBase(document: MinimalDocument, url: string): string {
  const bases = [...document.querySelectorAll('base')];
  const declared = bases.find((base) => base.hasAttribute('href'))?.getAttribute('href');
  const baseUrl = absoluteHttpUrl(declared, url) ?? absoluteHttpUrl(url, url) ?? url;
  for (const base of bases) base.remove();
  const base = document.createElement('base');
  base.setAttribute('href', baseUrl);
  document.head?.prepend(base);
  return baseUrl;
}

/** Collapses whitespace in `<title>` as browsers do for document.title (linkedom returns it raw; Readability splits titles on it). */
function normalizeTitle(document: MinimalDocument): void {
  const title = document.querySelector('title');
  if (title !== null) title.textContent = (title.textContent ?? '').replace(/\s+/g, ' ').trim();
}
