import { describe, expect, it } from 'vitest';
import { parseByline, type CitationName } from '../../../electron/core/export/bylineNames.ts';

function person(given: string, family: string, suffix: string | null = null): CitationName {
  return { kind: 'person', family, given, suffix };
}

function literal(name: string): CitationName {
  return { kind: 'literal', name };
}

describe('parseByline', () => {
  it.each<[string | null, CitationName[]]>([
    [null, []],
    ['   ', []],
    ['Jane Doe', [person('Jane', 'Doe')]],
    ['By Jane Doe and John Roe', [person('Jane', 'Doe'), person('John', 'Roe')]],
    ['by: Jane Doe & John Roe', [person('Jane', 'Doe'), person('John', 'Roe')]],
    ['Written by Ann Lee, Bo Park and Cy Diaz', [person('Ann', 'Lee'), person('Bo', 'Park'), person('Cy', 'Diaz')]],
    ['Doe, Jane', [person('Jane', 'Doe')]],
    ['Reuters Staff', [literal('Reuters Staff')]],
    ['Reuters', [literal('Reuters')]],
    ['Bloomberg News', [literal('Bloomberg News')]],
    ['Jane Doe, Reuters', [person('Jane', 'Doe'), literal('Reuters')]],
    ['Jane Doe in London', [person('Jane', 'Doe')]],
    ['Jane Doe (Reuters)', [person('Jane', 'Doe')]],
    ['jane@example.com (Jane Doe)', [person('Jane', 'Doe')]],
    ['Ludwig van Beethoven', [person('Ludwig', 'van Beethoven')]],
    ['Ana de la Cruz', [person('Ana', 'de la Cruz')]],
    ['Martin Luther King Jr.', [person('Martin Luther', 'King', 'Jr.')]],
    ['Martin Luther King, Jr.', [person('Martin Luther', 'King', 'Jr.')]],
    ['Zoë Müller-Lüdenscheidt', [person('Zoë', 'Müller-Lüdenscheidt')]],
    ['王小明', [literal('王小明')]],
    ['The Markets Desk', [literal('The Markets Desk')]],
    ['Staff writer 2', [literal('Staff writer 2')]],
  ])('%j', (byline, names) => {
    expect(parseByline(byline)).toEqual(names);
  });
});
