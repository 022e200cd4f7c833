/**
 * The first `count` items in `compare` order, sorted. A page of results
 * needs only the top few of possibly tens of thousands of hits, so past a
 * small size this keeps a bounded heap (O(n log k)) instead of sorting all.
 */
export function selectTop<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  if (count <= 0) return [];
  if (items.length <= count * 4) return [...items].sort(compare).slice(0, count);
  // A max-heap by `compare`: the root is the worst item kept so far.
  const heap: T[] = [];
  const worse = (a: number, b: number): boolean => compare(heap[a] as T, heap[b] as T) > 0;
  const swap = (a: number, b: number): void => {
    const held = heap[a] as T;
    heap[a] = heap[b] as T;
    heap[b] = held;
  };
  for (const item of items) {
    if (heap.length < count) {
      heap.push(item);
      for (let child = heap.length - 1; child > 0;) {
        const parent = (child - 1) >> 1;
        if (!worse(child, parent)) break;
        swap(child, parent);
        child = parent;
      }
    } else if (compare(item, heap[0] as T) < 0) {
      heap[0] = item;
      for (let parent = 0; ;) {
        const left = parent * 2 + 1;
        const right = left + 1;
        let largest = parent;
        if (left < heap.length && worse(left, largest)) largest = left;
        if (right < heap.length && worse(right, largest)) largest = right;
        if (largest === parent) break;
        swap(parent, largest);
        parent = largest;
      }
    }
  }
  return heap.sort(compare);
}
