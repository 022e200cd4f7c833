// Runs before every component test file: Testing Library's DOM matchers, and an
// unmount after each test (vitest globals are off, so Testing Library cannot
// register its own cleanup).
import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

afterEach(() => {
  cleanup();
});
