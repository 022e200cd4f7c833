/**
 * HTML named character references for feeds that use them without declaring
 * them (most do: `&nbsp;`, `&hellip;`, `&rsquo;` in titles and descriptions).
 * The HTML 4 set (252 names, plus `&apos;`) covers what feeds use in
 * practice; the 2,000-odd HTML5-only names are not worth their weight here.
 * Stored as `name:hex` pairs and expanded into a Map on first use.
 */
const packedEntities =
  'Aacute:c1,aacute:e1,Acirc:c2,acirc:e2,acute:b4,AElig:c6,aelig:e6,Agrave:c0,agrave:e0,alefsym:2135,' +
  'Alpha:391,alpha:3b1,amp:26,and:2227,ang:2220,apos:27,Aring:c5,aring:e5,asymp:2248,Atilde:c3,' +
  'atilde:e3,Auml:c4,auml:e4,bdquo:201e,Beta:392,beta:3b2,brvbar:a6,bull:2022,cap:2229,Ccedil:c7,' +
  'ccedil:e7,cedil:b8,cent:a2,Chi:3a7,chi:3c7,circ:2c6,clubs:2663,cong:2245,copy:a9,crarr:21b5,cup:222a,' +
  'curren:a4,Dagger:2021,dagger:2020,dArr:21d3,darr:2193,deg:b0,Delta:394,delta:3b4,diams:2666,' +
  'divide:f7,Eacute:c9,eacute:e9,Ecirc:ca,ecirc:ea,Egrave:c8,egrave:e8,empty:2205,emsp:2003,ensp:2002,' +
  'Epsilon:395,epsilon:3b5,equiv:2261,Eta:397,eta:3b7,ETH:d0,eth:f0,Euml:cb,euml:eb,euro:20ac,' +
  'exist:2203,fnof:192,forall:2200,frac12:bd,frac14:bc,frac34:be,frasl:2044,Gamma:393,gamma:3b3,ge:2265,' +
  'gt:3e,hArr:21d4,harr:2194,hearts:2665,hellip:2026,Iacute:cd,iacute:ed,Icirc:ce,icirc:ee,iexcl:a1,' +
  'Igrave:cc,igrave:ec,image:2111,infin:221e,int:222b,Iota:399,iota:3b9,iquest:bf,isin:2208,Iuml:cf,' +
  'iuml:ef,Kappa:39a,kappa:3ba,Lambda:39b,lambda:3bb,lang:2329,laquo:ab,lArr:21d0,larr:2190,lceil:2308,' +
  'ldquo:201c,le:2264,lfloor:230a,lowast:2217,loz:25ca,lrm:200e,lsaquo:2039,lsquo:2018,lt:3c,macr:af,' +
  'mdash:2014,micro:b5,middot:b7,minus:2212,Mu:39c,mu:3bc,nabla:2207,nbsp:a0,ndash:2013,ne:2260,ni:220b,' +
  'notin:2209,not:ac,nsub:2284,Ntilde:d1,ntilde:f1,Nu:39d,nu:3bd,Oacute:d3,oacute:f3,Ocirc:d4,ocirc:f4,' +
  'OElig:152,oelig:153,Ograve:d2,ograve:f2,oline:203e,Omega:3a9,omega:3c9,Omicron:39f,omicron:3bf,' +
  'oplus:2295,ordf:aa,ordm:ba,or:2228,Oslash:d8,oslash:f8,Otilde:d5,otilde:f5,otimes:2297,Ouml:d6,' +
  'ouml:f6,para:b6,part:2202,permil:2030,perp:22a5,Phi:3a6,phi:3c6,Pi:3a0,pi:3c0,piv:3d6,plusmn:b1,' +
  'pound:a3,Prime:2033,prime:2032,prod:220f,prop:221d,Psi:3a8,psi:3c8,quot:22,radic:221a,rang:232a,' +
  'raquo:bb,rArr:21d2,rarr:2192,rceil:2309,rdquo:201d,real:211c,reg:ae,rfloor:230b,Rho:3a1,rho:3c1,' +
  'rlm:200f,rsaquo:203a,rsquo:2019,sbquo:201a,Scaron:160,scaron:161,sdot:22c5,sect:a7,shy:ad,Sigma:3a3,' +
  'sigmaf:3c2,sigma:3c3,sim:223c,spades:2660,sube:2286,sub:2282,sum:2211,sup1:b9,sup2:b2,sup3:b3,' +
  'supe:2287,sup:2283,szlig:df,Tau:3a4,tau:3c4,there4:2234,Theta:398,thetasym:3d1,theta:3b8,thinsp:2009,' +
  'THORN:de,thorn:fe,tilde:2dc,times:d7,trade:2122,Uacute:da,uacute:fa,uArr:21d1,uarr:2191,Ucirc:db,' +
  'ucirc:fb,Ugrave:d9,ugrave:f9,uml:a8,upsih:3d2,Upsilon:3a5,upsilon:3c5,Uuml:dc,uuml:fc,weierp:2118,' +
  'Xi:39e,xi:3be,Yacute:dd,yacute:fd,yen:a5,Yuml:178,yuml:ff,Zeta:396,zeta:3b6,zwj:200d,zwnj:200c';

let entityTable: Map<string, number> | null = null;

/** The code point a named reference stands for, or undefined for unknown names (case-sensitive, as in HTML). */
export function htmlEntityCodePoint(name: string): number | undefined {
  if (entityTable === null) {
    entityTable = new Map();
    for (const pair of packedEntities.split(',')) {
      const colon = pair.indexOf(':');
      entityTable.set(pair.slice(0, colon), Number.parseInt(pair.slice(colon + 1), 16));
    }
  }
  return entityTable.get(name);
}

/**
 * Numeric references in 128–159 name C1 controls, but in feeds they almost
 * always mean the windows-1252 character (`&#146;` for ’); browsers map them
 * the same way (HTML "numeric character reference end state").
 */
const windows1252 = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Matches C1 control characters (U+0080–U+009F). */
export const c1Controls = /[\u0080-\u009f]/;

/**
 * C1 controls never belong in feed text; when they appear, windows-1252
 * bytes were decoded as ISO-8859-1 upstream (`don\u0092t` for don’t). Map
 * them to the characters the author meant.
 */
export function replaceC1Controls(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (character) =>
    String.fromCodePoint(windows1252[character.charCodeAt(0) - 0x80] ?? 0xfffd),
  );
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true });
const referenceRun = /(?:&(?:#[0-9]{2,3}|#[xX][0-9a-fA-F]{2}|[A-Za-z][A-Za-z0-9]{1,7});){2,}/g;

/** The byte a reference stands for when read as Latin-1 (128–255), else undefined. */
function latin1Byte(reference: string): number | undefined {
  const codePoint = reference.startsWith('#')
    ? Number.parseInt(
        reference.slice(reference[1] === 'x' || reference[1] === 'X' ? 2 : 1),
        reference[1] === 'x' || reference[1] === 'X' ? 16 : 10,
      )
    : htmlEntityCodePoint(reference);
  return codePoint !== undefined && codePoint >= 0x80 && codePoint <= 0xff ? codePoint : undefined;
}

/**
 * Repairs UTF-8 that was escaped byte by byte: `&#226;&#128;&#166;` and
 * `&acirc;&#128;&brvbar;` are the three bytes of "…" written as Latin-1
 * references. Consecutive references in 128–255 that form valid UTF-8 are
 * read as UTF-8; anything else is left alone (a real "Ã©" pair is vanishingly
 * rare next to this mistake).
 */
export function repairByteReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(referenceRun, (run) => {
    const references = run.slice(1, -1).split(';&');
    let repaired = '';
    let start = 0;
    while (start < references.length) {
      let end = start;
      const bytes: number[] = [];
      for (let byte = latin1Byte(references[end] ?? ''); byte !== undefined; byte = latin1Byte(references[end] ?? '')) {
        bytes.push(byte);
        end++;
      }
      if (bytes.length >= 2) {
        try {
          repaired += utf8Decoder.decode(Uint8Array.from(bytes));
          start = end;
          continue;
        } catch {
          // not UTF-8 after all: keep the references as written
        }
      }
      const stop = Math.max(end, start + 1);
      repaired += references
        .slice(start, stop)
        .map((reference) => `&${reference};`)
        .join('');
      start = stop;
    }
    return repaired;
  });
}

/** The character a numeric reference body (`#8217`, `#x2019`) stands for; invalid code points become U+FFFD. */
export function numericReferenceText(reference: string): string {
  const isHex = reference[1] === 'x' || reference[1] === 'X';
  const codePoint = Number.parseInt(reference.slice(isHex ? 2 : 1), isHex ? 16 : 10);
  if (codePoint >= 0x80 && codePoint <= 0x9f) return String.fromCodePoint(windows1252[codePoint - 0x80] ?? 0xfffd);
  if (
    !Number.isFinite(codePoint) ||
    codePoint === 0 ||
    codePoint > 0x10ffff ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  )
    return '\ufffd';
  return String.fromCodePoint(codePoint);
}

const referencePattern = /&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g;

/**
 * Decodes numeric and named character references in HTML text (for titles
 * and descriptions that arrive HTML-escaped). Unknown names stay as written.
 */
export function decodeHtmlEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(referencePattern, (whole, reference: string) => {
    if (reference.startsWith('#')) return numericReferenceText(reference);
    const codePoint = htmlEntityCodePoint(reference);
    return codePoint === undefined ? whole : String.fromCodePoint(codePoint);
  });
}
