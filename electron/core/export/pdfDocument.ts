import { readFile, writeFile } from 'node:fs/promises';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRef, PDFString } from 'pdf-lib';

/** A top-level bookmark of a printed PDF and the page (from 1) it opens. */
export interface OutlineEntry {
  readonly title: string;
  readonly page: number;
}

export interface PdfFacts {
  readonly pages: number;
  readonly outline: readonly OutlineEntry[];
}

/** What a brief's file says about itself (PDF Info dictionary). */
export interface PdfMetadata {
  readonly title: string;
  readonly author: string | null;
  readonly subject: string;
  readonly keywords: readonly string[];
  readonly createdAt: Date;
}

function titleOf(item: PDFDict): string {
  const title = item.lookup(PDFName.of('Title'));
  return title instanceof PDFString || title instanceof PDFHexString ? title.decodeText() : '';
}

/** The page a bookmark opens: its /Dest array (or a GoTo action's /D) names the page object first. */
function pageOf(item: PDFDict, pages: readonly PDFRef[]): number {
  const action = item.lookupMaybe(PDFName.of('A'), PDFDict);
  const destination = item.lookupMaybe(PDFName.of('Dest'), PDFArray) ?? action?.lookupMaybe(PDFName.of('D'), PDFArray);
  const target = destination?.get(0);
  if (!(target instanceof PDFRef)) return 0;
  return pages.findIndex((page) => page.objectNumber === target.objectNumber) + 1;
}

/** Page count and top-level bookmarks of a loaded PDF. */
function factsOf(document: PDFDocument): PdfFacts {
  const pages = document.getPages().map((page) => page.ref);
  const outline: OutlineEntry[] = [];
  const root = document.catalog.lookupMaybe(PDFName.of('Outlines'), PDFDict);
  for (let item = root?.lookupMaybe(PDFName.of('First'), PDFDict); item !== undefined;) {
    outline.push({ title: titleOf(item), page: pageOf(item, pages) });
    item = item.lookupMaybe(PDFName.of('Next'), PDFDict);
  }
  return { pages: pages.length, outline };
}

/** Page count and top-level bookmarks of a PDF Chromium printed with a document outline. */
export async function readPdfFacts(path: string): Promise<PdfFacts> {
  return factsOf(await PDFDocument.load(await readFile(path), { updateMetadata: false }));
}

/**
 * Finishes a printed PDF in one reading of it: its facts (pages, top-level
 * bookmarks) go to `check`, which may refuse the file by throwing (nothing
 * is written then); then the file's title, author, subject, keywords,
 * creator and dates are set (the printer sets only a title) and it is
 * rewritten in place, the printer's tags and outline kept as they are.
 */
export async function finishPdf(
  path: string,
  metadata: PdfMetadata,
  check: (facts: PdfFacts) => void = () => undefined,
): Promise<PdfFacts> {
  const document = await PDFDocument.load(await readFile(path), { updateMetadata: false });
  const facts = factsOf(document);
  check(facts);
  document.setTitle(metadata.title, { showInWindowTitleBar: true });
  if (metadata.author !== null) document.setAuthor(metadata.author);
  document.setSubject(metadata.subject);
  if (metadata.keywords.length > 0) document.setKeywords([...metadata.keywords]);
  document.setCreator('Offprint');
  document.setProducer('Offprint (printed by Chromium)');
  document.setCreationDate(metadata.createdAt);
  document.setModificationDate(metadata.createdAt);
  await writeFile(path, await document.save({ useObjectStreams: false }));
  return facts;
}
