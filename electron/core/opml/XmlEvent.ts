/**
 * What the strict tokenizer and the tolerant tag scanner both hand to the
 * OPML reader, so one reader builds the document from either. `offset` is
 * the index in the input text where the markup starts (for line numbers in
 * problem messages). Attribute names are lower-cased: OPML writers disagree
 * on `xmlUrl` / `xmlurl` / `xmlURL`, and the first spelling in a tag wins.
 * A self-closing start has no matching end event.
 */
export type XmlEvent =
  | {
      readonly kind: 'start';
      readonly name: string;
      readonly attributes: ReadonlyMap<string, string>;
      readonly selfClosing: boolean;
      /** Attributes whose value was cut off or never closed (recovery only); their values are not in `attributes`. */
      readonly brokenAttributes: readonly string[];
      readonly offset: number;
    }
  | { readonly kind: 'end'; readonly name: string; readonly offset: number }
  | { readonly kind: 'text'; readonly value: string; readonly offset: number };
