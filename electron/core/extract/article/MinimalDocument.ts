/**
 * The slice of the DOM the extractor uses, typed by hand: electron/core
 * compiles without the DOM library (it is plain Node), and linkedom's own
 * declarations lean on the DOM's global types. linkedom implements all of
 * this; tests, which do have the DOM library, can pass real documents.
 */
export interface MinimalNode {
  readonly nodeType: number;
  readonly nodeName: string;
  textContent: string | null;
  readonly parentNode: MinimalNode | null;
  readonly parentElement: MinimalElement | null;
  readonly childNodes: MinimalList<MinimalNode>;
  readonly nextSibling: MinimalNode | null;
  readonly previousSibling: MinimalNode | null;
  remove(): void;
}

export interface MinimalList<T> extends Iterable<T> {
  readonly length: number;
  readonly [index: number]: T | undefined;
}

export interface MinimalElement extends MinimalNode {
  readonly tagName: string;
  readonly localName: string;
  readonly children: MinimalList<MinimalElement>;
  readonly firstElementChild: MinimalElement | null;
  readonly nextElementSibling: MinimalElement | null;
  readonly previousElementSibling: MinimalElement | null;
  id: string;
  className: string;
  innerHTML: string;
  readonly outerHTML: string;
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  removeAttribute(name: string): void;
  hasAttribute(name: string): boolean;
  querySelector(selectors: string): MinimalElement | null;
  querySelectorAll(selectors: string): MinimalList<MinimalElement>;
  closest(selectors: string): MinimalElement | null;
  append(...nodes: (MinimalNode | string)[]): void;
  prepend(...nodes: (MinimalNode | string)[]): void;
  replaceWith(...nodes: (MinimalNode | string)[]): void;
  after(...nodes: (MinimalNode | string)[]): void;
  readonly ownerDocument: MinimalDocument;
}

export interface MinimalDocument {
  readonly documentElement: MinimalElement | null;
  readonly head: MinimalElement | null;
  readonly body: MinimalElement | null;
  querySelector(selectors: string): MinimalElement | null;
  querySelectorAll(selectors: string): MinimalList<MinimalElement>;
  createElement(tagName: string): MinimalElement;
}

/** Node.ELEMENT_NODE and Node.TEXT_NODE (no DOM globals in core). */
export const ELEMENT_NODE = 1;
export const TEXT_NODE = 3;
