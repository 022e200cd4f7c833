/**
 * Feed dates → ISO 8601 UTC (`2004-07-11T17:00:00.000Z`), or null when the
 * string is not a date we can read with confidence. Written out by hand
 * (no Date.parse): engines disagree on what they accept, and Date.parse
 * happily reads `22013` as the year 22013.
 *
 * Accepted: RFC 822/2822 and its feed dialects (named, military and numeric
 * zones, missing seconds or time, 2-digit years, missing weekday, stray
 * commas and spaces, JavaScript `Date#toString` order), asctime, W3CDTF and
 * ISO 8601 (extended, basic, ordinal and the 2-digit-year forms), Perforce,
 * Greek and Hungarian month names, Korean (nate, onblog). Out-of-range parts
 * (month 13, day 31 in April, hour 25, offset -99:99) give null.
 */

interface DateParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Minutes east of UTC. */
  offset: number;
}

const englishMonths = new Map<string, number>([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['may', 5],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
]);

/** Greek abbreviations as feeds write them (accented and not), after feedparser's table. */
const greekMonths = new Map<string, string>([
  ['Ιαν', 'Jan'],
  ['Φεβ', 'Feb'],
  ['Μάώ', 'Mar'],
  ['Μαώ', 'Mar'],
  ['Μάρ', 'Mar'],
  ['Μαρ', 'Mar'],
  ['Απρ', 'Apr'],
  ['Μάι', 'May'],
  ['Μαϊ', 'May'],
  ['Μαι', 'May'],
  ['Ιούν', 'Jun'],
  ['Ιον', 'Jun'],
  ['Ιουν', 'Jun'],
  ['Ιούλ', 'Jul'],
  ['Ιολ', 'Jul'],
  ['Ιουλ', 'Jul'],
  ['Αύγ', 'Aug'],
  ['Αυγ', 'Aug'],
  ['Σεπ', 'Sep'],
  ['Οκτ', 'Oct'],
  ['Νοέ', 'Nov'],
  ['Νοε', 'Nov'],
  ['Δεκ', 'Dec'],
]);

const hungarianMonths = new Map<string, number>([
  ['január', 1],
  ['február', 2],
  ['március', 3],
  ['márczius', 3],
  ['április', 4],
  ['május', 5],
  ['máujus', 5],
  ['június', 6],
  ['július', 7],
  ['augusztus', 8],
  ['szeptember', 9],
  ['október', 10],
  ['november', 11],
  ['december', 12],
]);

/** Zone names in hours east of UTC: RFC 822's, the North American short forms feeds use, and common European/Asian ones. */
const zoneHours = new Map<string, number>([
  ['ut', 0],
  ['utc', 0],
  ['gmt', 0],
  ['z', 0],
  ['etc/gmt', 0],
  ['etc/utc', 0],
  ['wet', 0],
  ['adt', -3],
  ['ast', -4],
  ['at', -4],
  ['edt', -4],
  ['est', -5],
  ['et', -5],
  ['cdt', -5],
  ['cst', -6],
  ['ct', -6],
  ['mdt', -6],
  ['mst', -7],
  ['mt', -7],
  ['pdt', -7],
  ['pst', -8],
  ['pt', -8],
  ['akdt', -8],
  ['akst', -9],
  ['hst', -10],
  ['bst', 1],
  ['cet', 1],
  ['met', 1],
  ['west', 1],
  ['cest', 2],
  ['mest', 2],
  ['eet', 2],
  ['eest', 3],
  ['msk', 3],
  ['ist', 5.5],
  ['sgt', 8],
  ['hkt', 8],
  ['awst', 8],
  ['jst', 9],
  ['kst', 9],
  ['acst', 9.5],
  ['aest', 10],
  ['aedt', 11],
  ['nzst', 12],
  ['nzdt', 13],
]);

/** RFC 822 military zones: A–I = -1…-9, K–M = -10…-12, N–Y = +1…+12 (J is unused). */
function militaryZoneHours(letter: string): number | undefined {
  const code = letter.charCodeAt(0);
  if (code >= 0x61 && code <= 0x69) return -(code - 0x60);
  if (code >= 0x6b && code <= 0x6d) return -(code - 0x61);
  if (code >= 0x6e && code <= 0x79) return code - 0x6d;
  return undefined;
}

const time = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const isoZone = String.raw`(?:\s?([Zz]|[+-]\d{2}(?::?\d{2})?))?`;
const w3cPattern = new RegExp(String.raw`^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[Tt ]${time}${isoZone})?$`);
const isoBasicPattern = new RegExp(
  String.raw`^(\d{4})(\d{2})(\d{2})(?:[Tt](\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?${isoZone})?$`,
);
const isoOrdinalPattern = new RegExp(String.raw`^(\d{4})-?(\d{3})(?:[Tt]${time}${isoZone})?$`);
const rfcZone = String.raw`(?:\s?([A-Za-z][A-Za-z/]*)?([+-]\d{1,2}(?::?\d{2})?)?)`;
/** `[Weekday,] 5 Apr[,] 2012 [10:00[:00]] [zone]` */
const rfc822Pattern = new RegExp(String.raw`^(\d{1,2})[ -]([A-Za-z]{3,9})\.?,?[ -](\d{2,4})(?:,? ${time})?${rfcZone}$`);
/** `[Weekday] Aug 30[,] 2012 17:26:16 [zone]` (JavaScript Date#toString order) */
const monthFirstPattern = new RegExp(String.raw`^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})(?:,? ${time})?${rfcZone}$`);
/** asctime: `Sun Jan  4 16:29:06 [zone] 2004` */
const asctimePattern = new RegExp(String.raw`^([A-Za-z]{3,9}) (\d{1,2}) ${time}(?: ([A-Za-z]+|[+-]\d{4}))? (\d{4})$`);
const perforcePattern = /^(\d{4})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})(?: ([A-Za-z]+))?$/;
const natePattern = /^(\d{4})-(\d{2})-(\d{2}) (오전|오후) (\d{1,2}):(\d{2}):(\d{2})$/;
const onblogPattern = /^(\d{4})년 (\d{1,2})월 (\d{1,2})일 (\d{1,2}):(\d{2}):(\d{2})$/;
const hungarianPattern = /^(\d{4})-(\p{L}+)-(\d{1,2})(.*)$/u;
const leadingWeekday = /^\p{L}{2,9}\.?(?:,\s*|\s+(?=\p{L}))/u;

function number(text: string | undefined, fallback = 0): number {
  return text === undefined ? fallback : Number.parseInt(text, 10);
}

function fraction(text: string | undefined): number {
  return text === undefined ? 0 : Math.floor(Number(`0.${text}`) * 1000);
}

/** `Z`, `+hh`, `+hhmm`, `+hh:mm` → minutes east of UTC; undefined when malformed. */
function numericOffset(text: string): number | undefined {
  const match = /^([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (match === null) return undefined;
  const hours = number(match[2]);
  const minutes = number(match[3]);
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

function isoOffset(text: string | undefined): number | undefined {
  if (text === undefined || text === 'Z' || text === 'z') return 0;
  return numericOffset(text);
}

/** Zone name and/or numeric offset (`GMT-01:01`, `EST`, `-0000`, `Etc/GMT`) → minutes east; undefined when unreadable. */
function rfcOffset(name: string | undefined, numeric: string | undefined): number | undefined {
  let offset = 0;
  if (name !== undefined) {
    const lower = name.toLowerCase();
    const hours = zoneHours.get(lower) ?? (lower.length === 1 ? militaryZoneHours(lower) : undefined);
    if (hours !== undefined) offset = hours * 60;
    else if (numeric === undefined && !/^[a-z]{2,5}$/.test(lower)) return undefined;
    // An unknown 2–5 letter zone name is read as UTC: a date a few hours off beats no date.
  }
  if (numeric !== undefined) {
    const extra = numericOffset(numeric);
    if (extra === undefined) return undefined;
    offset += extra;
  }
  return offset;
}

/** RFC 2822 §4.3: two-digit years 00–49 are 20xx, 50–99 are 19xx. */
function fullYear(text: string): number {
  const year = number(text);
  if (text.length > 2) return year;
  return year < 50 ? 2000 + year : 1900 + year;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function toIso(parts: DateParts): string | null {
  const { year, month, day, hour, minute, millisecond, offset } = parts;
  // A leap second is read as the last second of its minute.
  const second = parts.second === 60 ? 59 : parts.second;
  if (!Number.isInteger(year) || year < 1 || year > 9999) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59) return null;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, millisecond);
  const time = date.getTime() - offset * 60_000;
  const utcYear = new Date(time).getUTCFullYear();
  if (Number.isNaN(time) || utcYear < 1 || utcYear > 9999) return null;
  return new Date(time).toISOString();
}

function fromOrdinal(year: number, dayOfYear: number): { month: number; day: number } | null {
  const daysInYear = daysInMonth(year, 2) === 29 ? 366 : 365;
  if (dayOfYear < 1 || dayOfYear > daysInYear) return null;
  let remaining = dayOfYear;
  for (let month = 1; month <= 12; month++) {
    const days = daysInMonth(year, month);
    if (remaining <= days) return { month, day: remaining };
    remaining -= days;
  }
  return null;
}

function parseIso(input: string): string | null {
  // `2003-012-31`: a zero-padded three-digit month (an ISO 8601 variant feedparser accepts).
  const text = input.replace(/^(\d{4})-0(\d{2})-(\d{2})/, '$1-$2-$3');
  let match = w3cPattern.exec(text);
  if (match !== null) {
    const offset = isoOffset(match[8]);
    if (offset === undefined) return null;
    return toIso({
      year: number(match[1]),
      month: number(match[2], 1),
      day: number(match[3], 1),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: fraction(match[7]),
      offset,
    });
  }
  match = isoBasicPattern.exec(text);
  if (match !== null) {
    const offset = isoOffset(match[8]);
    if (offset === undefined) return null;
    return toIso({
      year: number(match[1]),
      month: number(match[2]),
      day: number(match[3]),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: fraction(match[7]),
      offset,
    });
  }
  match = isoOrdinalPattern.exec(text);
  if (match !== null) {
    const year = number(match[1]);
    const date = fromOrdinal(year, number(match[2]));
    const offset = isoOffset(match[7]);
    if (date === null || offset === undefined) return null;
    return toIso({
      year,
      ...date,
      hour: number(match[3]),
      minute: number(match[4]),
      second: number(match[5]),
      millisecond: fraction(match[6]),
      offset,
    });
  }
  return parseTwoDigitYearIso(text);
}

/**
 * ISO 8601:2000's truncated two-digit-year forms: `YYMMDD`, `YY-MM-DD`,
 * `-YYMM`, `-YY-MM`, `YYDDD`. A five-digit string starting with 1 or 2 is
 * read instead as an over-long year (W3CDTF), hence null: `22013` is far more
 * likely a damaged `2013` than day 13 of 2022.
 */
function parseTwoDigitYearIso(text: string): string | null {
  let match = /^(\d{2})-?(\d{2})-?(\d{2})$/.exec(text);
  if (match !== null)
    return toIso({
      year: fullYear(match[1] ?? ''),
      month: number(match[2]),
      day: number(match[3]),
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
      offset: 0,
    });
  match = /^-(\d{2})-?(\d{2})$/.exec(text);
  if (match !== null)
    return toIso({
      year: fullYear(match[1] ?? ''),
      month: number(match[2]),
      day: 1,
      hour: 0,
      minute: 0,
      second: 0,
      millisecond: 0,
      offset: 0,
    });
  match = /^([03-9]\d)-?(\d{3})$/.exec(text);
  if (match !== null) {
    const year = fullYear(match[1] ?? '');
    const date = fromOrdinal(year, number(match[2]));
    return date === null ? null : toIso({ year, ...date, hour: 0, minute: 0, second: 0, millisecond: 0, offset: 0 });
  }
  return null;
}

function monthNumber(name: string): number | undefined {
  return englishMonths.get(name.toLowerCase());
}

function parseRfc822(input: string): string | null {
  // A trailing comment such as `(EDT)` or `(Central European Summer Time)` repeats the zone.
  const text = input.replace(/\s*\([^()]*\)$/, '').replace(leadingWeekday, '');
  let match = rfc822Pattern.exec(text);
  if (match !== null) {
    const month = monthNumber(match[2] ?? '');
    const offset = rfcOffset(match[8], match[9]);
    if (month === undefined || offset === undefined) return null;
    return toIso({
      year: fullYear(match[3] ?? ''),
      month,
      day: number(match[1]),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: fraction(match[7]),
      offset,
    });
  }
  match = monthFirstPattern.exec(text);
  if (match !== null) {
    const month = monthNumber(match[1] ?? '');
    const offset = rfcOffset(match[8], match[9]);
    if (month === undefined || offset === undefined) return null;
    return toIso({
      year: number(match[3]),
      month,
      day: number(match[2]),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: fraction(match[7]),
      offset,
    });
  }
  match = asctimePattern.exec(text);
  if (match !== null) {
    const month = monthNumber(match[1] ?? '');
    const zone = match[7];
    const offset =
      zone === undefined
        ? 0
        : zone.startsWith('+') || zone.startsWith('-')
          ? numericOffset(zone)
          : rfcOffset(zone, undefined);
    if (month === undefined || offset === undefined) return null;
    return toIso({
      year: number(match[8]),
      month,
      day: number(match[2]),
      hour: number(match[3]),
      minute: number(match[4]),
      second: number(match[5]),
      millisecond: fraction(match[6]),
      offset,
    });
  }
  return null;
}

/** Korean and Perforce formats; all Korean feed dates are Korea Standard Time (UTC+9). */
function parseRegional(text: string): string | null {
  let match = natePattern.exec(text);
  if (match !== null) {
    const hour12 = number(match[5]) % 12;
    return toIso({
      year: number(match[1]),
      month: number(match[2]),
      day: number(match[3]),
      hour: match[4] === '오후' ? hour12 + 12 : hour12,
      minute: number(match[6]),
      second: number(match[7]),
      millisecond: 0,
      offset: 9 * 60,
    });
  }
  match = onblogPattern.exec(text);
  if (match !== null) {
    return toIso({
      year: number(match[1]),
      month: number(match[2]),
      day: number(match[3]),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: 0,
      offset: 9 * 60,
    });
  }
  match = perforcePattern.exec(text.replace(leadingWeekday, ''));
  if (match !== null) {
    const offset = rfcOffset(match[7], undefined);
    if (offset === undefined) return null;
    return toIso({
      year: number(match[1]),
      month: number(match[2]),
      day: number(match[3]),
      hour: number(match[4]),
      minute: number(match[5]),
      second: number(match[6]),
      millisecond: 0,
      offset,
    });
  }
  match = hungarianPattern.exec(text);
  if (match !== null) {
    const month = hungarianMonths.get((match[2] ?? '').toLowerCase());
    if (month === undefined) return null;
    // `2004-július-13T9:15-05:00` → W3CDTF with a one-digit hour.
    return parseIso(
      `${match[1] ?? ''}-${String(month).padStart(2, '0')}-${(match[3] ?? '').padStart(2, '0')}${match[4] ?? ''}`,
    );
  }
  return null;
}

function translateGreek(text: string): string {
  return text.replace(/\p{Script=Greek}+/gu, (word) => greekMonths.get(word) ?? word);
}

export function parseDate(input: string): string | null {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '' || text.length > 100) return null;
  const first = text.charCodeAt(0);
  if ((first >= 0x30 && first <= 0x39) || first === 0x2d /* - */) {
    const iso = parseIso(text);
    if (iso !== null) return iso;
  }
  return parseRfc822(text) ?? parseRegional(text) ?? parseRfc822(translateGreek(text));
}
