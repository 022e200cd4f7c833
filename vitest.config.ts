import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Three projects: `unit` (unit + integration, plain Node with real SQLite and
// local HTTP servers), `component` (renderer components and state in
// happy-dom with Testing Library, against an in-memory library) and `e2e`
// (the Node host driven in Debian's Chromium). All run on the Node 24 pinned
// in devDependencies.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          environment: 'node',
          testTimeout: 30_000,
          hookTimeout: 30_000,
        },
      },
      {
        // The renderer's JSX is compiled as its own build compiles it.
        plugins: [react()],
        test: {
          name: 'component',
          include: ['tests/component/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['tests/component/support/setup.ts'],
          testTimeout: 30_000,
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
