import { describe, expect, it } from 'vitest';
import { describeGoneProcess } from '../../../electron/main/describeGoneProcess.ts';

describe('describeGoneProcess', () => {
  it('describes a crashed renderer with the page it showed', () => {
    expect(
      describeGoneProcess('renderer', { reason: 'crashed', exitCode: 139 }, 'offprint-app://renderer/index.html'),
    ).toBe('renderer is gone: crashed, exit code 139, at offprint-app://renderer/index.html');
  });

  it('describes a child process by type and service', () => {
    expect(
      describeGoneProcess('child process', {
        type: 'Utility',
        reason: 'oom',
        exitCode: -1,
        serviceName: 'network.mojom.NetworkService',
      }),
    ).toBe('child process (Utility) is gone: oom, exit code -1, network.mojom.NetworkService');
    expect(describeGoneProcess('child process', { type: 'GPU', reason: 'launch-failed', exitCode: 5, name: '' })).toBe(
      'child process (GPU) is gone: launch-failed, exit code 5',
    );
  });

  it('logs nothing for a process that exited cleanly', () => {
    expect(describeGoneProcess('renderer', { reason: 'clean-exit', exitCode: 0 })).toBeNull();
  });
});
