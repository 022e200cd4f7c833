import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { mayHoldDroppable } from '../droppedItem.ts';
import { isTypingTarget } from './useKeyboardShortcuts.ts';

/**
 * Makes the whole window a drop target: true while something that may be
 * taken in (files, a link, text) is dragged over it, and `onDrop` with the
 * drop's data. Every drag from outside is cancelled at the document, so the
 * browser (or Electron's window) never navigates to a dropped file or link.
 * Two drags keep the browser's own behaviour: text dragged into a field (an
 * address into "Feed or site URL"), and drags that began on the page itself.
 */
export function useDropTarget(onDrop: (data: DataTransfer) => void): boolean {
  const [dragging, setDragging] = useState(false);
  // Read through a ref so the listeners are added once; the handler changes every render.
  const onDropRef = useRef(onDrop);
  useLayoutEffect(() => {
    onDropRef.current = onDrop;
  });

  useEffect(() => {
    // dragenter and dragleave fire for every element crossed: the drag is over the window while they are unbalanced.
    let depth = 0;
    let fromPage = false;
    const intoField = (event: DragEvent) =>
      isTypingTarget(event.target) && event.dataTransfer?.types.includes('Files') !== true;
    const ours = (event: DragEvent) =>
      !fromPage && event.dataTransfer !== null && mayHoldDroppable(event.dataTransfer.types);
    const reset = () => {
      depth = 0;
      setDragging(false);
    };

    function onDragStart(): void {
      fromPage = true;
    }
    function onDragEnd(): void {
      fromPage = false;
      reset();
    }
    function onDragEnter(event: DragEvent): void {
      if (!ours(event)) return;
      depth += 1;
      const field = intoField(event);
      // Cancelled as dragover is: the HTML standard names the drop target by a cancelled dragenter.
      if (!field) event.preventDefault();
      setDragging(!field);
    }
    function onDragLeave(event: DragEvent): void {
      if (!ours(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    }
    function onDragOver(event: DragEvent): void {
      if (fromPage || intoField(event)) return;
      event.preventDefault();
      if (event.dataTransfer !== null) event.dataTransfer.dropEffect = ours(event) ? 'copy' : 'none';
    }
    function onDropped(event: DragEvent): void {
      const wasFromPage = fromPage;
      fromPage = false;
      reset();
      if (intoField(event)) return;
      event.preventDefault();
      if (!wasFromPage && event.dataTransfer !== null) onDropRef.current(event.dataTransfer);
    }

    const listeners = [
      ['dragstart', onDragStart],
      ['dragend', onDragEnd],
      ['dragenter', onDragEnter],
      ['dragleave', onDragLeave],
      ['dragover', onDragOver],
      ['drop', onDropped],
    ] as const;
    for (const [type, listener] of listeners) document.addEventListener(type, listener);
    return () => {
      for (const [type, listener] of listeners) document.removeEventListener(type, listener);
    };
  }, []);

  return dragging;
}
