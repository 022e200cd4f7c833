import lunr from 'lunr';

/** lunr.TokenSet's internals, which @types/lunr does not declare. */
interface TokenSetNode {
  final: boolean;
  edges: Record<string, TokenSetNode | undefined>;
}

/** lunr.TokenSet's static constructors, which @types/lunr declares as instance methods. */
const tokenSets = lunr.TokenSet as unknown as {
  fromString(pattern: string): TokenSetNode;
  fromFuzzyString(term: string, editDistance: number): TokenSetNode;
};

/**
 * Matches index terms against a wildcard or fuzzy query term with lunr's own
 * automaton (`lunr.TokenSet.fromString` / `fromFuzzyString`), walked as an
 * NFA over one term at a time. lunr intersects that automaton with a
 * TokenSet of every indexed term; walking it per candidate term gives the
 * same answers without keeping a whole-vocabulary TokenSet in memory.
 */
export class TermMatcher {
  readonly #root: TokenSetNode;

  private constructor(root: TokenSetNode) {
    this.#root = root;
  }

  /** `pattern` may contain `*` anywhere (lunr's wildcard). */
  static wildcard(pattern: string): TermMatcher {
    return new TermMatcher(tokenSets.fromString(pattern));
  }

  /** Terms within `editDistance` insertions, deletions, substitutions or transpositions of `term`, as lunr counts them. */
  static fuzzy(term: string, editDistance: number): TermMatcher {
    return new TermMatcher(tokenSets.fromFuzzyString(term, editDistance));
  }

  matches(term: string): boolean {
    let states: TokenSetNode[] = [this.#root];
    // lunr walks strings by UTF-16 code unit (charAt), so this does too.
    for (let index = 0; index < term.length; index += 1) {
      const character = term.charAt(index);
      const next: TokenSetNode[] = [];
      for (const state of states) {
        const exact = state.edges[character];
        if (exact && !next.includes(exact)) next.push(exact);
        const any = state.edges['*'];
        if (any && !next.includes(any)) next.push(any);
      }
      if (next.length === 0) return false;
      states = next;
    }
    return states.some((state) => state.final);
  }
}
