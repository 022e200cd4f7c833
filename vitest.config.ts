import { defineConfig } from 'vitest/config';

// Two projects: `unit` (unit + integration, plain Node with real SQLite and
// local HTTP servers) and `e2e` (the Node host driven in Debian's Chromium).
// Both run on the Node 24 pinned in devDependencies.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
