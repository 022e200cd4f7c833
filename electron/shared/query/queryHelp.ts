/**
 * The query language's cheat sheet, shown by the search box's `?` and the
 * CLI's help. Every example here parses without problems (a test checks), so
 * the sheet cannot drift from the parser.
 */
export interface QueryHelpEntry {
  readonly syntax: string;
  readonly meaning: string;
}

export const QUERY_HELP: readonly QueryHelpEntry[] = [
  { syntax: 'gallium germanium', meaning: 'Articles with either word; those with both rank higher.' },
  { syntax: '+gallium', meaning: 'Must contain gallium.' },
  { syntax: '-potash', meaning: 'Must not contain potash. A query of only -words finds everything else.' },
  { syntax: '"rare earths"', meaning: 'The exact phrase. Works with + and - too: -"press release".' },
  {
    syntax: 'title:gallium',
    meaning:
      'Only in one field: title, author, source (the feed), topic, category, text (or body), note (your notes and highlights). Also title:"rare earths".',
  },
  { syntax: 'german*', meaning: 'Any word starting with german; *mania ends with it, ge*ium has anything inside.' },
  { syntax: 'gallium~1', meaning: 'Up to one letter different (gallium~ is the same); ~2 allows two.' },
  { syntax: 'gallium^10', meaning: 'Counts ten times as much in the ranking; gallium^0.5 counts half.' },
  {
    syntax: 'gallium OR germanium',
    meaning:
      'Either side, each with its own + and -: "+a +b OR c" means (+a +b) or c. The best-matching side sets the rank.',
  },
  { syntax: '+(gallium OR germanium) +china', meaning: 'Parentheses group alternatives; +( ) needs one of them.' },
  { syntax: '-(potash OR phosphate)', meaning: 'Excludes articles with any of them; NOT potash is -potash.' },
  { syntax: 'gallium AND china', meaning: 'AND changes nothing: write +gallium +china to need both.' },
  {
    syntax: 'is:saved',
    meaning: 'Saved articles; -is:saved for the others. Filters apply to the whole query, even inside OR or ( ).',
  },
  { syntax: 'is:unread', meaning: 'Unread articles; is:read for read ones.' },
  {
    syntax: 'has:note',
    meaning: 'Articles with a note; -has:note for those without. note:gallium searches the notes.',
  },
  {
    syntax: 'after:2025-01-01',
    meaning: 'Published on or after that day; after:2025-03 from 1 March, after:2025 from 1 January (UTC).',
  },
  {
    syntax: 'before:2025-02',
    meaning: 'Published up to the end of February 2025 (the named period is included); also YYYY or YYYY-MM-DD.',
  },
  { syntax: 'date:7d', meaning: 'The last 7 days; also 24h, 2w, 3m (months), 1y, or date:2025-03 for that month.' },
  { syntax: 'feed:12', meaning: 'Only feed number 12; feed:12,13 for either.' },
  {
    syntax: 'rare-earth',
    meaning: 'Hyphenated words are searched as their parts; \\ makes the next + - : ~ ^ * " ( ) ordinary.',
  },
];
