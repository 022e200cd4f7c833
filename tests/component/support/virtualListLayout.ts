import { afterEach, beforeEach } from 'vitest';

/**
 * happy-dom lays nothing out: every element is 0×0, so a virtual list
 * (@tanstack/react-virtual) sees no room and renders no rows. This gives
 * its scroll container (`.virtual-scroll`) a screen's size; rows still
 * measure 0 high, so every row of a short list is rendered. Returns the undo.
 */
export function giveVirtualListsRoom(size = { width: 600, height: 800 }): () => void {
  // The virtualizer sizes its window from the scroll container's client size.
  const prototype = HTMLElement.prototype;
  const saved = (['clientWidth', 'clientHeight'] as const).map(
    (name) => [name, Object.getOwnPropertyDescriptor(prototype, name)] as const,
  );
  const room = (dimension: 'width' | 'height') => ({
    configurable: true,
    get(this: HTMLElement): number {
      return this.classList.contains('virtual-scroll') ? size[dimension] : 0;
    },
  });
  Object.defineProperty(prototype, 'clientWidth', room('width'));
  Object.defineProperty(prototype, 'clientHeight', room('height'));
  return () => {
    for (const [name, descriptor] of saved) {
      if (descriptor === undefined) Reflect.deleteProperty(prototype, name);
      else Object.defineProperty(prototype, name, descriptor);
    }
  };
}

/** Gives virtual lists room in every test of the calling file. */
export function withVirtualListRoom(): void {
  let restore = (): void => undefined;
  beforeEach(() => {
    restore = giveVirtualListsRoom();
  });
  afterEach(() => {
    restore();
  });
}
