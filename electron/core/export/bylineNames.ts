/** An author as citations need one: a person's name in parts, or a name to print whole (a desk, an agency). */
export type CitationName =
  | { readonly kind: 'person'; readonly family: string; readonly given: string; readonly suffix: string | null }
  | { readonly kind: 'literal'; readonly name: string };

/** Words that make a byline part an organization ("Reuters Staff", "Bloomberg News", "Markets Desk"). */
const ORGANIZATION_WORDS = new Set([
  'agency',
  'agencies',
  'association',
  'board',
  'bureau',
  'company',
  'contributor',
  'contributors',
  'correspondent',
  'correspondents',
  'council',
  'department',
  'desk',
  'editor',
  'editorial',
  'editors',
  'foundation',
  'group',
  'inc',
  'institute',
  'ltd',
  'media',
  'ministry',
  'news',
  'newsroom',
  'office',
  'press',
  'reporter',
  'reporters',
  'service',
  'staff',
  'team',
  'university',
  'wire',
  'writers',
]);

/** Lower-case words that belong to the family name before it ("Ludwig van Beethoven", "Ana de la Cruz"). */
const PARTICLES = new Set([
  'al',
  'bin',
  'da',
  'das',
  'de',
  'del',
  'della',
  'der',
  'di',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'st',
  'ten',
  'ter',
  'van',
  'von',
]);
const SUFFIX = /^(jr|sr|ii|iii|iv|v)\.?$/i;
/** "By", "Written by", "Words by", "Reporting by" before the names. */
const LEAD_IN = /^(?:(?:written|words|reporting|story|text)\s+)?by\b[:\s]*/i;
/** Between names: commas, semicolons, "and", "&", "|" and " / ". */
const SEPARATOR = /\s*(?:[,;|]|\s\/\s|&|\band\b)\s*/i;

/** One name of a byline, with its place ("in London"), a parenthesis ("(Reuters)") and an e-mail address taken off. */
function bareName(part: string): string {
  return part
    .replace(/^\S+@\S+\s*\(([^)]+)\)$/, '$1')
    .replace(/\([^)]*\)/g, ' ')
    .replace(/\S+@\S+/g, ' ')
    .replace(/\s+in\s+\p{Lu}[\p{L}.' -]*$/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function personOrLiteral(name: string): CitationName | null {
  if (!/\p{L}/u.test(name)) return null;
  const words = name.split(' ');
  const organization =
    words.length < 2 ||
    words.length > 5 ||
    /\d/.test(name) ||
    words.some((word) => ORGANIZATION_WORDS.has(word.toLowerCase().replace(/[.,]$/, '')));
  if (organization) return { kind: 'literal', name };
  let suffix: string | null = null;
  const last = words.at(-1) ?? '';
  if (words.length > 2 && SUFFIX.test(last)) {
    suffix = last;
    words.pop();
  }
  let familyStart = words.length - 1;
  while (familyStart > 1 && PARTICLES.has(words[familyStart - 1] ?? '')) familyStart -= 1;
  return {
    kind: 'person',
    family: words.slice(familyStart).join(' '),
    given: words.slice(0, familyStart).join(' '),
    suffix,
  };
}

/**
 * The authors a byline names, in order: "By Jane Doe and John Roe" → two
 * people (family "Doe", given "Jane"…), "Doe, Jane" → one, "Ludwig van
 * Beethoven" → family "van Beethoven", "Martin Luther King Jr." → suffix
 * "Jr.". Organizations ("Reuters Staff", "Bloomberg News"), single words
 * ("Reuters", "王小明") and anything else that is not plainly a person's
 * name are kept whole, as literal names. Blank or null: no authors.
 */
export function parseByline(byline: string | null): CitationName[] {
  if (byline === null) return [];
  const text = byline.normalize('NFC').replace(/\s+/g, ' ').trim().replace(LEAD_IN, '');
  const parts: string[] = [];
  for (const part of text.split(SEPARATOR).map(bareName)) {
    // "Martin Luther King, Jr.": the suffix belongs to the name before it.
    if (SUFFIX.test(part) && parts.length > 0) parts.push(`${parts.pop() ?? ''} ${part}`);
    else if (part !== '') parts.push(part);
  }
  // "Doe, Jane": one person written family first, not two single-word names.
  const [family, given] = parts;
  if (parts.length === 2 && family !== undefined && given !== undefined && /^[^,]+,[^,]+$/.test(text)) {
    if (!family.includes(' ') && !given.includes(' ') && !ORGANIZATION_WORDS.has(given.toLowerCase())) {
      return [{ kind: 'person', family, given, suffix: null }];
    }
  }
  return parts.map(personOrLiteral).filter((name) => name !== null);
}
