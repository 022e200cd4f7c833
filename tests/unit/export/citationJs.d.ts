/**
 * The slice of Citation.js the round-trip tests use, typed by hand: the
 * packages ship JavaScript only. Parsers read a format into CSL-JSON items.
 */
declare module '@citation-js/core' {
  export interface CslName {
    readonly family?: string;
    readonly given?: string;
    readonly literal?: string;
    readonly suffix?: string;
    readonly 'non-dropping-particle'?: string;
    readonly 'dropping-particle'?: string;
  }

  export interface CslData {
    readonly id?: string;
    readonly type?: string;
    readonly title?: string;
    readonly author?: readonly CslName[];
    readonly reporter?: readonly (string | CslName)[];
    readonly 'container-title'?: string;
    readonly publisher?: string;
    readonly issued?: { readonly 'date-parts'?: readonly (readonly number[])[]; readonly raw?: string };
    readonly accessed?: { readonly 'date-parts'?: readonly (readonly number[])[] };
    readonly URL?: string;
    readonly language?: string;
  }

  export const plugins: {
    readonly input: { chain(data: string): CslData[] };
    readonly output: { format(name: string, data: readonly CslData[], options?: object): string };
  };
}
