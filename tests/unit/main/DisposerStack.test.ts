import { describe, expect, it, vi } from 'vitest';
import { DisposerStack } from '../../../electron/main/DisposerStack.ts';

describe('DisposerStack', () => {
  it('disposes in reverse order, awaiting async disposers, once', async () => {
    const order: string[] = [];
    const stack = new DisposerStack();
    stack.add(() => {
      order.push('library');
    });
    stack.add(async () => {
      await Promise.resolve();
      order.push('ipc');
    });
    stack.add(() => {
      order.push('window');
    });
    await stack.disposeAll();
    await stack.disposeAll();
    expect(order).toEqual(['window', 'ipc', 'library']);
  });

  it('reports a failing disposer and still runs the rest', async () => {
    const onError = vi.fn();
    const closed = vi.fn();
    const stack = new DisposerStack(onError);
    stack.add(closed);
    stack.add(() => {
      throw new Error('boom');
    });
    await stack.disposeAll();
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
    expect(closed).toHaveBeenCalledOnce();
  });
});
