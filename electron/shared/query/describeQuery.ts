/**
 * A one-line, plain-English reading of a parsed query, for the CLI and the
 * help UI: it shows the user how their words were understood, which matters
 * most when parseQuery had to recover from something.
 */
import type { ParsedQuery, QueryClause, QueryFilters, QueryGroup } from './ParsedQuery.ts';

export function describeQuery(parsed: ParsedQuery): string {
  const groups = parsed.groups.map(describeGroup);
  const filters = describeFilters(parsed.filters);
  let words: string;
  if (groups.length === 0) words = filters.length === 0 ? 'nothing to search' : 'all articles';
  else if (groups.length === 1) words = groups[0] ?? '';
  else words = groups.map((group) => `(${group})`).join(' or ');
  return [words, ...filters].join('; ');
}

/** `a and b, preferring c, without d` in lunr's terms: required, optional, prohibited. */
function describeGroup(group: QueryGroup): string {
  const required = group.clauses.filter((clause) => clause.presence === 'required').map(formatClause);
  const optional = group.clauses.filter((clause) => clause.presence === 'optional').map(formatClause);
  const prohibited = group.clauses.filter((clause) => clause.presence === 'prohibited').map(formatClause);
  const parts: string[] = [];
  if (required.length > 0) {
    parts.push(required.join(' and '));
    if (optional.length > 0) parts.push(`preferring ${optional.join(', ')}`);
  } else if (optional.length > 0) {
    parts.push(optional.join(' or '));
  } else {
    parts.push('everything');
  }
  if (prohibited.length > 0) parts.push(`without ${prohibited.join(' or ')}`);
  return parts.join(', ');
}

/** The clause in query syntax, without its sign (the sentence says it). */
export function formatClause(clause: QueryClause): string {
  const field = clause.fields === null ? '' : `${clause.fields.join('|')}:`;
  const boost = clause.boost === 1 ? '' : `^${clause.boost}`;
  if (clause.kind === 'phrase') return `${field}"${clause.words.join(' ')}"${boost}`;
  const text = `${clause.wildcard.leading ? '*' : ''}${clause.text}${clause.wildcard.trailing ? '*' : ''}`;
  const fuzzy = clause.editDistance > 0 ? `~${clause.editDistance}` : '';
  return `${field}${text}${fuzzy}${boost}`;
}

function describeFilters(filters: QueryFilters): string[] {
  const parts: string[] = [];
  if (filters.saved !== undefined) parts.push(filters.saved ? 'saved' : 'not saved');
  if (filters.read !== undefined) parts.push(filters.read ? 'read' : 'unread');
  if (filters.hasNote !== undefined) parts.push(filters.hasNote ? 'with a note' : 'without a note');
  if (filters.after !== undefined) parts.push(`published on or after ${formatInstant(filters.after)}`);
  if (filters.before !== undefined) parts.push(`published before ${formatInstant(filters.before)}`);
  if (filters.feedIds !== undefined && filters.feedIds.length > 0) {
    parts.push(`in feed${filters.feedIds.length === 1 ? '' : 's'} ${filters.feedIds.join(', ')}`);
  }
  return parts;
}

/** `2025-01-01` at UTC midnight (every calendar filter), else `2025-01-01 09:30 UTC`. */
function formatInstant(time: number): string {
  if (!Number.isFinite(time) || Math.abs(time) > 8.64e15) return String(time);
  const iso = new Date(time).toISOString();
  const day = iso.slice(0, 10);
  return time % 86_400_000 === 0 ? day : `${day} ${iso.slice(11, 16)} UTC`;
}
