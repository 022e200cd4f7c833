import { tokenize } from './compareShingles.ts';
import { countWords } from './countWords.ts';
import type { MinimalElement, MinimalNode } from './MinimalDocument.ts';
import { ELEMENT_NODE, TEXT_NODE } from './MinimalDocument.ts';

/**
 * Boilerplate that Readability keeps, removed from its output in place.
 *
 * Readability picks the right container but takes it whole: navigation the
 * container happens to wrap, share bars, photo credits and loose caption text,
 * "related"/"recommended"/"more stories" lists, newsletter boxes, bylines
 * and datelines, teaser cards for other stories. Each pass below removes one
 * kind, judged by generic signals only — markup (tags, class and id words),
 * link density, block length and short stereotyped phrases — never by site.
 * Images stay: a caption block loses its text, not its picture; a <figure>
 * keeps its own <figcaption> (what a reader expects under a picture; it costs
 * 0.002 F1 on the Zyte benchmark, whose bodies leave captions out).
 */
export interface CleaningOptions {
  /** The article's title: a block repeating it is the headline, which the reader shows separately. */
  readonly title: string | null;
  /** The page's own URL: links to it (in-page anchors) are not "links away". */
  readonly pageUrl: string;
}

/** Tags that hold chrome around an article, not its text. */
const CHROME_SELECTOR =
  'nav, aside, footer, header, form, button, menu, dialog, [role="navigation"], [role="complementary"], [role="dialog"]';

/**
 * Class and id words that name boilerplate. Matched as whole words of the
 * class/id (split on punctuation and camelCase), so `share-bar` and
 * `relatedLinks` match and `shareholder` does not.
 */
const BOILERPLATE_WORDS = new Set([
  'share',
  'shares',
  'sharing',
  'sharebar',
  'social',
  'socials',
  'related',
  'recommended',
  'recommendations',
  'recirc',
  'newsletter',
  'newsletters',
  'subscribe',
  'subscription',
  'signup',
  'promo',
  'promos',
  'promotion',
  'advert',
  'advertisement',
  'ad',
  'ads',
  'sponsor',
  'sponsored',
  'breadcrumb',
  'breadcrumbs',
  'byline',
  'bylines',
  'author',
  'authors',
  'dateline',
  'timestamp',
  'caption',
  'captions',
  'credit',
  'credits',
  'copyright',
  'tags',
  'comments',
  'disqus',
  'toolbar',
  'nav',
  'navigation',
  'menu',
  'masthead',
  'popular',
  'trending',
  'outbrain',
  'taboola',
  'sidebar',
  'rail',
  'pagination',
  'pager',
  'readmore',
  'seealso',
  'dek',
  'standfirst',
  'kicker',
  'eyebrow',
  'popup',
  'tooltip',
  'rollover',
  'hovercard',
  'modal',
]);

/** Class/id word sequences spelled across word boundaries. */
const BOILERPLATE_SEQUENCE =
  /(?:^| )(?:sr only|visually hidden|screen reader|read more|see also|more stories|also read|d none|is hidden|print only)(?: |$)/;

/** Whole class names meaning "not shown on screen". */
const HIDDEN_CLASSES = new Set(['hidden', 'hide', 'invisible', 'offscreen']);

/** A container holding more than this share of the article's words is the article, whatever its class says. */
const MAX_REMOVED_SHARE = 0.35;

/** Elements that start a block of text; a "leaf block" holds none of them. */
const BLOCK_TAGS = new Set([
  'p',
  'div',
  'section',
  'article',
  'header',
  'ul',
  'ol',
  'li',
  'dl',
  'dt',
  'dd',
  'table',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'figure',
  'main',
  'center',
  'address',
]);
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Short blocks opening with these phrases point elsewhere or sell something (English plus a few common languages). */
const BOILERPLATE_LEADS: readonly RegExp[] = [
  // "Related: …", "READ MORE: …", "See also …", "You may also like…", "DON'T MISS" — teasers for other stories.
  /^(?:related(?: articles?| stories| posts?| news| coverage| content| links?| reading)?|read more|read also|also read|read next|see more|see also|more|more from [^:]{1,40}|more on [^:]{1,40}|more to read|further reading|recommended(?: for you)?|you (?:may|might) also (?:like|enjoy)|don[’']?t miss|most popular|trending(?: now)?|top stories|latest news|editor[’']?s picks?|leia (?:mais|também)|veja também|lea también|lire aussi|mehr zum thema|читайте также)\s*(?::|…|\.\.\.|$)/iu,
  /^(?:related|read more|see more|also on|watch|listen)\s*:/i,
  // Share, comment and print widgets.
  /^(?:share(?: this(?: article| story)?| on \w+)?|tweet|e-?mail|print|comments?|\d+ comments?|post (?:a )?comment|leave a (?:comment|reply)|add (?:a )?comment|view comments)\s*[:(]?\s*$/i,
  // Newsletter and app promotions, calls to action.
  /^(?:sign up|subscribe|click here|get the (?:latest|best)|get breaking|get our|follow us|follow [\p{Lu}][^ ]* on|join our|like this story|want more|download (?:the|our)|never miss|stay (?:up to date|informed|on top)|have a (?:news )?tip)\b/iu,
  /^(?:continue reading(?: below)?|(?:story|article) continues below|scroll (?:down )?to continue)\b/i,
  /^(?:this (?:website|site) uses cookies|we use cookies|this (?:slideshow|content|video|page) requires javascript|(?:please )?enable javascript)\b/i,
  /^(?:tags?|tagged(?: with)?|topics|filed under|categories|category|etiquetas|marcadores|schlagwörter|теги)\s*(?::|$)/iu,
  /^(?:advertisement|advert|ad|sponsored(?: content)?|anzeige|publicidade|publicidad|publicité|реклама|iklan)$/iu,
  // Photo credits and gallery chrome.
  /^\(?(?:photo|photos|image|images|picture|pictures|credit|credits|foto|fotos|фото|imagem|crédito|bild|illustration|graphic)(?: credit)?\s*(?::|…|\.\.\.|©|by\b)/iu,
  /^(?:image|photo|picture|slide)?\s*\d+\s*(?:of|\/)\s*\d+$/i,
  /^(?:source|sources|fonte|fuente|quelle)\s*:\s*[^.!?]{1,60}$/i,
  /^(?:©|\(c\)|copyright\b|image copyright\b|all rights reserved)/i,
  /^(?:\(?reporting by|(?:writing|editing|additional reporting) by)\b/i,
];

/** Blocks opening with these words and made mostly of links are lists of other stories or tags ("DON'T MISS <links>", "Tags: <links>"). */
const TEASER_LEAD =
  /^(?:related|read more|read also|also read|read next|see more|see also|more|don[’']?t miss|recommended|you (?:may|might) also like|most popular|trending|top stories|latest news|editor[’']?s picks?|also on|tags?|tagged|topics|filed under|categories|leia (?:mais|também)|veja também|lea también|lire aussi|mehr zum thema|читайте также)\b/iu;

/** A short block ending with an agency or stock credit is a caption. */
const CREDIT_TAIL =
  /(?:getty images|ap photo(?:\/[^)]*)?|associated press|reuters|afp|shutterstock|istock(?:photo)?|epa|pa images|pa wire|alamy|bloomberg|\(image: [^)]*\))\W*$/i;

/** `By Jane Doe`, `By Jane Doe and John Roe - 11/18/19 11:04 PM EST`, `Por Fulano de Tal`. */
const BYLINE =
  /^(?:[Bb]y|[Pp]or|[Vv]on|[Pp]ar|[Dd]i|[Aa]v|[Dd]oor)\s+[\p{Lu}][\p{L}.'’-]*(?:\s+(?:[\p{Lu}][\p{L}.'’-]*|and|&|de|da|van|von|der))*/u;

/** Month and weekday names (English, Portuguese, Spanish, French, German, Italian), for dateline detection. */
const DATE_WORDS = new Set(
  (
    'jan january feb february mar march apr april may jun june jul july aug august sep sept september oct october nov november dec december ' +
    'mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday ' +
    'janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro ' +
    'segunda terça quarta quinta sexta sábado domingo feira ' +
    'enero febrero marzo mayo junio julio septiembre octubre noviembre diciembre lunes martes miércoles jueves viernes ' +
    'janvier février mars avril mai juin juillet août septembre octobre novembre décembre ' +
    'januar februar märz juni juli oktober dezember ' +
    'gennaio febbraio aprile maggio giugno luglio settembre ottobre dicembre'
  ).split(' '),
);
/** Words that travel with dates in datelines: "Updated 9:41 AM EST, Posted 2 days ago". */
const DATELINE_WORDS = new Set(
  (
    'am pm a m p m est edt cst cdt mst mdt pst pdt gmt utc bst cet cest ist et pt ct ' +
    'published updated posted first last modified created on at de às em le am um the ' +
    'ago min mins minute minutes hour hours hr hrs day days week weeks month months year years today yesterday ' +
    'publicado atualizado actualizado publié mis à jour aktualisiert veröffentlicht pubblicato aggiornato'
  ).split(' '),
);

export function cleanArticleContent(root: MinimalElement, options: CleaningOptions): void {
  const totalWords = wordCount(root);
  removeChrome(root);
  removeByClassWords(root, totalWords);
  removePeerArticles(root);
  stripCaptionText(root);
  removeLinkLists(root, options.pageUrl);
  removeBoilerplateBlocks(root, options);
  removeOrphanHeadings(root);
  pruneEmpty(root);
}

function removeChrome(root: MinimalElement): void {
  for (const element of [...root.querySelectorAll(CHROME_SELECTOR)]) element.remove();
}

function removeByClassWords(root: MinimalElement, totalWords: number): void {
  for (const element of [...root.querySelectorAll('[class], [id]')]) {
    if (!isAttached(element, root) || !isBoilerplateByName(element)) continue;
    if (wordCount(element) > totalWords * MAX_REMOVED_SHARE) continue;
    element.remove();
  }
}

function isBoilerplateByName(element: MinimalElement): boolean {
  const classes = (element.getAttribute('class') ?? '').toLowerCase().split(/\s+/);
  if (classes.some((name) => HIDDEN_CLASSES.has(name))) return true;
  const words = classWords(element);
  if (words.length === 0) return false;
  return words.some((word) => BOILERPLATE_WORDS.has(word)) || BOILERPLATE_SEQUENCE.test(words.join(' '));
}

/**
 * The words of an element's class and id: `articleShare-bar_top` → article,
 * share, bar, top. An id of four words or more is a heading's slug
 * (`sharing-with-a-single-developer`), which says what a section is about,
 * not what kind of block it is: it is left out.
 */
function classWords(element: MinimalElement): string[] {
  const id = words(element.getAttribute('id') ?? '');
  return [...words(element.getAttribute('class') ?? ''), ...(id.length <= 3 ? id : [])];
}

function words(names: string): string[] {
  return names
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * Teaser cards: when Readability's container holds several `<article>`
 * elements, the story is the one clearly larger than every other; the rest
 * are cards for other stories. Articles of similar size (a live blog's
 * posts) are all kept.
 */
function removePeerArticles(root: MinimalElement): void {
  const articles = [...root.querySelectorAll('article')].filter((article) => article.querySelector('article') === null);
  if (articles.length < 2) return;
  const sized = articles.map((article) => ({ article, words: wordCount(article) })).sort((a, b) => b.words - a.words);
  const [largest, second] = sized;
  if (largest === undefined || second === undefined || largest.words < second.words * 1.3) return;
  for (const { article } of sized.slice(1)) article.remove();
}

/**
 * Caption blocks — a figure, or a small container around an image — keep
 * their images and lose their loose text (credits, "Image 1 of 5"); a
 * figure's <figcaption> stays with it.
 */
function stripCaptionText(root: MinimalElement): void {
  for (const container of [...root.querySelectorAll('figure, div, span, a, section')]) {
    if (!isAttached(container, root) || container === root) continue;
    if (container.querySelector('img, picture, video') === null) continue;
    const words = wordCount(container);
    if (words === 0) continue;
    const isFigure = container.localName === 'figure';
    // A paragraph-sized block with an inline picture is prose, not a caption.
    if (
      !isFigure &&
      (words > 60 || (container.querySelector('p, li, h2, h3, h4, blockquote') !== null && words > 40))
    ) {
      continue;
    }
    if (!isFigure && container.parentElement !== null && wordCount(container.parentElement) <= words) continue;
    // Three or more text blocks beside a picture are a card with content of its own, not a caption.
    if (!isFigure && leafBlocks(container).filter((block) => wordCount(block) >= 2).length >= 3) continue;
    const media = [...container.querySelectorAll('picture, video, img')].filter(
      (element) => element.localName !== 'img' || element.parentElement?.localName !== 'picture',
    );
    // A figure's own <figcaption> is the caption a reader expects under the picture: it stays.
    const caption = isFigure ? container.querySelector('figcaption') : null;
    container.innerHTML = '';
    container.append(...media, ...(caption === null ? [] : [caption]));
  }
}

/**
 * Lists whose items are mostly links (navigation, "more stories", tag
 * clouds) and short paragraphs that are nothing but a link away (in-body
 * promos for other stories).
 */
function removeLinkLists(root: MinimalElement, pageUrl: string): void {
  for (const list of [...root.querySelectorAll('ul, ol, dl')]) {
    if (!isAttached(list, root)) continue;
    const items = [...list.children].filter((child) => child.localName === 'li' || child.localName === 'dt');
    const words = wordCount(list);
    if (items.length === 0 || words === 0) continue;
    const linked = linkWordCount(list, pageUrl);
    // One or two linked items are a call to action inside the story ("Get it on Amazon"); navigation and
    // teaser lists are longer — or are linked headlines, however few.
    const teaserHeadlines = linked / words >= 0.9 && list.querySelector('h2, h3, h4, h5, h6') !== null;
    if ((items.length >= 3 && linked / words >= 0.5 && words / items.length <= 20) || teaserHeadlines) list.remove();
  }
  const candidates: MinimalElement[] = [];
  let candidateWords = 0;
  for (const block of leafBlocks(root)) {
    if (
      block.localName === 'li' ||
      block.localName === 'dt' ||
      block.localName === 'dd' ||
      HEADING_TAGS.has(block.localName)
    )
      continue;
    const text = readableText(block);
    const words = countWords(text);
    if (words === 0 || words > 30) continue;
    // A linked sentence is prose that happens to cite; a bare URL is a reference the author listed.
    if (/[.!?…]["”’)\]]?$/.test(text) || /^(?:https?:\/\/|www\.)/i.test(text)) continue;
    if (linkWordCount(block, pageUrl) / words < 0.9 && !isDatedLink(block, text, pageUrl)) continue;
    candidates.push(block);
    candidateWords += words;
  }
  // When linked lines are a large part of the article (a deals roundup, a gift guide), they are the article.
  if (candidateWords > wordCount(root) * 0.25) return;
  for (const block of candidates) block.remove();
}

function removeBoilerplateBlocks(root: MinimalElement, options: CleaningOptions): void {
  const title = normalise(options.title ?? '');
  for (const block of leafBlocks(root)) {
    const text = readableText(block);
    if (text === '') continue;
    if (block.localName === 'h1' || (title !== '' && text === title) || isBoilerplateText(text)) {
      block.remove();
      continue;
    }
    const words = countWords(text);
    if (words <= 80 && TEASER_LEAD.test(text) && linkWordCount(block, options.pageUrl) / words >= 0.5) block.remove();
  }
}

/** Whether a short block's text is a stereotyped non-article line (teaser, credit, byline, dateline, call to action). */
export function isBoilerplateText(text: string): boolean {
  const length = countWords(text);
  if (length === 0 || length > 30) return false;
  if (BOILERPLATE_LEADS.some((pattern) => pattern.test(text))) return true;
  // "(AP Photo/Alan Diaz)", "Jane Doe | Getty Images" — but not a sentence that ends "… told Reuters."
  if (length <= 15 && CREDIT_TAIL.test(text) && !/[.!?]["”’]?$/.test(text)) return true;
  if (length <= 15 && BYLINE.test(text) && !/[.!?]["”’]?$/.test(text)) return true;
  return length <= 16 && isDateline(tokenize(text), text);
}

/** A line that is a date and little else: "Updated Nov 19, 9:41 AM; Posted Nov 18", "11/18/19 11:04 PM EST", "Published 1 day ago". */
function isDateline(words: readonly string[], text: string): boolean {
  const hasDate =
    /\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}:\d{2}\b|\b\d+\s+(?:minutes?|hours?|days?|weeks?)\s+ago\b/i.test(
      text,
    ) || words.some((word) => DATE_WORDS.has(word.toLowerCase()));
  // A sentence that mentions a date ("The council published its report on Monday.") is prose.
  if (!hasDate || /(?<![ap]\.m)[.!?]["”’]?$/i.test(text)) return false;
  const rest = words.filter((word) => {
    const lower = word.toLowerCase();
    return !DATE_WORDS.has(lower) && !DATELINE_WORDS.has(lower) && !/^\d+$/.test(word);
  });
  return rest.length === 0 || (rest.length <= 3 && /\b(?:published|updated|posted|by)\b/i.test(text));
}

/** A teaser line: a link and, outside it, nothing but a date ("<a>Rail tender draws bidders</a> Nov 10, 2026"). */
function isDatedLink(block: MinimalElement, text: string, pageUrl: string): boolean {
  const outside = tokenize(text);
  let linked = 0;
  for (const link of block.querySelectorAll('a[href]')) {
    if (isInPageLink(link.getAttribute('href') ?? '', pageUrl)) continue;
    for (const word of tokenize(link.textContent ?? '')) {
      const index = outside.indexOf(word);
      if (index >= 0) outside.splice(index, 1);
      linked += 1;
    }
  }
  if (linked === 0 || outside.length === 0) return false;
  const lower = outside.map((word) => word.toLowerCase());
  return (
    lower.some((word) => DATE_WORDS.has(word)) &&
    lower.every((word) => DATE_WORDS.has(word) || DATELINE_WORDS.has(word) || /^\d+$/.test(word))
  );
}

/** The share of an element's words that sit in links leading away from the page. */
export function linkWordShare(element: MinimalElement, pageUrl: string): number {
  const words = wordCount(element);
  return words === 0 ? 0 : linkWordCount(element, pageUrl) / words;
}

/**
 * A heading with nothing after it but another heading of the same or higher
 * rank has lost its section (a "More stories" title whose list was removed).
 */
function removeOrphanHeadings(root: MinimalElement): void {
  // The article in reading order: headings, and runs of anything else that shows (text, images).
  const units: { readonly heading: MinimalElement | null }[] = [];
  const visit = (node: MinimalNode): void => {
    if (node.nodeType === TEXT_NODE) {
      if (units.at(-1)?.heading !== null && /\S/.test(node.textContent ?? '')) units.push({ heading: null });
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const element = node as MinimalElement;
    if (element !== root && isHeadingLike(element)) {
      units.push({ heading: element });
      return;
    }
    if (element.localName === 'img' || element.localName === 'video') {
      if (units.at(-1)?.heading !== null) units.push({ heading: null });
      return;
    }
    for (const child of [...element.childNodes]) visit(child);
  };
  visit(root);
  for (let index = units.length - 1; index >= 0; index--) {
    const heading = units[index]?.heading;
    if (heading === null || heading === undefined) continue;
    const next = units[index + 1];
    const rank = headingRank(heading);
    // A bold line counts as a heading only at the very end: mid-article, bold lines are often data ("Palm Bay d. Rockledge 70-44").
    const orphan = next === undefined || (rank <= 6 && next.heading !== null && headingRank(next.heading) <= rank);
    if (orphan) {
      heading.remove();
      units.splice(index, 1);
    }
  }
}

function isHeadingLike(block: MinimalElement): boolean {
  if (HEADING_TAGS.has(block.localName)) return true;
  // A short paragraph that is all bold reads as a heading ("More Great Stories").
  const text = normalise(block.textContent ?? '');
  if (block.localName !== 'p' || text === '' || countWords(text) > 8) return false;
  const strong = [...block.querySelectorAll('strong, b')]
    .map((element) => normalise(element.textContent ?? ''))
    .join(' ');
  return strong === text;
}

function headingRank(block: MinimalElement): number {
  return HEADING_TAGS.has(block.localName) ? Number(block.localName.slice(1)) : 7;
}

function hasMedia(element: MinimalElement): boolean {
  return element.localName === 'img' || element.querySelector('img, picture, video') !== null;
}

/** Removes elements left with neither text nor media. */
function pruneEmpty(root: MinimalElement): void {
  const elements = [
    ...root.querySelectorAll('div, section, p, ul, ol, li, figure, span, a, header, blockquote, strong, em, b, i'),
  ];
  for (let index = elements.length - 1; index >= 0; index--) {
    const element = elements[index];
    if (element === undefined || !isAttached(element, root)) continue;
    if (
      !/\S/.test(element.textContent ?? '') &&
      !hasMedia(element) &&
      element.querySelector('br, hr, iframe') === null
    ) {
      element.remove();
    }
  }
}

/** Text-bearing elements with no block-level element inside, in document order. */
function leafBlocks(root: MinimalElement): MinimalElement[] {
  const blocks: MinimalElement[] = [];
  const visit = (element: MinimalElement): boolean => {
    let containsBlock = false;
    for (const child of [...element.children]) {
      if (visit(child) || BLOCK_TAGS.has(child.localName)) containsBlock = true;
    }
    if (!containsBlock && BLOCK_TAGS.has(element.localName) && element !== root) blocks.push(element);
    return containsBlock;
  };
  visit(root);
  return blocks;
}

/** Words inside links that lead away from the page (in-page anchors are not counted). */
function linkWordCount(element: MinimalElement, pageUrl: string): number {
  let words = 0;
  const page = withoutHash(pageUrl);
  for (const link of element.querySelectorAll('a[href]')) {
    if (isInPageLink(link.getAttribute('href') ?? '', page)) continue;
    words += wordCount(link);
  }
  return words;
}

function isInPageLink(href: string, pageUrl: string): boolean {
  return href.startsWith('#') || withoutHash(href) === withoutHash(pageUrl);
}

function withoutHash(url: string): string {
  const index = url.indexOf('#');
  return index < 0 ? url : url.slice(0, index);
}

/** An element's text as it reads: `<br>` and block boundaries separate words (textContent runs them together). */
function readableText(element: MinimalElement): string {
  let text = '';
  const visit = (node: MinimalNode): void => {
    if (node.nodeType === TEXT_NODE) {
      text += node.textContent ?? '';
      return;
    }
    if (node.nodeType !== ELEMENT_NODE) return;
    const name = (node as MinimalElement).localName;
    if (name === 'br' || BLOCK_TAGS.has(name)) text += ' ';
    for (const child of node.childNodes) visit(child);
    if (BLOCK_TAGS.has(name)) text += ' ';
  };
  visit(element);
  return normalise(text);
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function wordCount(element: MinimalElement): number {
  return countWords(element.textContent ?? '');
}

/** Whether `element` is still inside `root` (an ancestor may have been removed already). */
function isAttached(element: MinimalElement, root: MinimalElement): boolean {
  let node: MinimalElement | null = element;
  while (node !== null) {
    if (node === root) return true;
    node = node.parentElement;
  }
  return false;
}
