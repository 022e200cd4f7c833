// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/** Node built-ins, spelled both ways, for the layers that must not touch them. */
const nodeBuiltins = [
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'http',
  'https',
  'net',
  'worker_threads',
  'crypto',
  'zlib',
  'url',
  'stream',
];

/** `electron` may only be imported in electron/main and electron/preload. */
const noElectron = {
  name: 'electron',
  message: 'electron is imported only in electron/main and electron/preload (shared/DESIGN.md).',
};

const restrict = (/** @type {{paths?: any[], patterns?: any[]}} */ rules) => ({
  'no-restricted-imports': ['error', { paths: rules.paths ?? [], patterns: rules.patterns ?? [] }],
});

/** What the renderer (and its component tests) may import: electron/shared, never the layers below it or Node. */
const rendererImports = (/** @type {string} */ layerMessage) =>
  restrict({
    paths: [noElectron],
    patterns: [
      {
        group: [
          '**/electron/core/**',
          '**/electron/main/**',
          '**/electron/server/**',
          '**/electron/cli/**',
          '**/electron/preload/**',
        ],
        message: layerMessage,
      },
      { group: nodeBuiltins, message: 'The renderer runs sandboxed, and its tests in a DOM: no Node modules.' },
    ],
  });

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', '.tsbuild/', 'test-results/', '.bench/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Named exports only: a file is named after its main export (shared/STYLE.md §8).
      'no-restricted-exports': [
        'error',
        {
          restrictDefaultExports: {
            direct: true,
            named: true,
            defaultFrom: true,
            namedFrom: true,
            namespaceFrom: true,
          },
        },
      ],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Type-only imports keep runtime layering honest under verbatimModuleSyntax.
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['**/*.js'], extends: [tseslint.configs.disableTypeChecked] },
  {
    // Tool configs are loaded by their tools, which expect a default export.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-exports': 'off' },
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.ts', 'scripts/**/*.ts', 'benchmarks/**/*.ts', '*.config.*'],
    // Component tests run in a DOM, like the renderer they test (below).
    ignores: ['tests/component/**'],
    languageOptions: { globals: globals.node },
  },
  // ---- Layers (shared/DESIGN.md): imports only go down. ----
  {
    files: ['electron/shared/**/*.ts'],
    rules: restrict({
      paths: [noElectron],
      patterns: [
        { group: nodeBuiltins, message: 'electron/shared is pure TS: no Node.' },
        {
          group: ['**/core/**', '**/main/**', '**/preload/**', '**/server/**', '**/cli/**', '**/renderer/**'],
          message: 'electron/shared imports nothing above it.',
        },
      ],
    }),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict({
      paths: [noElectron],
      patterns: [
        {
          group: ['**/main/**', '**/preload/**', '**/server/**', '**/cli/**', '**/renderer/**'],
          message: 'electron/core never imports main, preload, server, cli or renderer.',
        },
      ],
    }),
  },
  {
    files: ['electron/server/**/*.ts', 'electron/cli/**/*.ts'],
    rules: restrict({
      paths: [noElectron],
      patterns: [
        {
          group: ['**/main/**', '**/preload/**', '**/renderer/**'],
          message: 'The Node host and CLI sit beside electron/main, not above it.',
        },
      ],
    }),
  },
  {
    files: ['electron/main/**/*.ts'],
    ignores: ['electron/main/ipc/**'],
    rules: restrict({
      paths: [
        {
          name: 'electron',
          importNames: ['ipcMain'],
          message: 'ipcMain is used only in electron/main/ipc/ (shared/STYLE.md §2).',
        },
      ],
      patterns: [
        {
          group: ['**/preload/**', '**/server/**', '**/cli/**', '**/renderer/**'],
          message: 'electron/main uses core and shared only.',
        },
      ],
    }),
  },
  {
    files: ['electron/main/ipc/**/*.ts'],
    rules: restrict({
      patterns: [
        {
          group: ['**/preload/**', '**/server/**', '**/cli/**', '**/renderer/**'],
          message: 'electron/main uses core and shared only.',
        },
      ],
    }),
  },
  {
    files: ['electron/preload/**/*.ts'],
    rules: restrict({
      patterns: [
        {
          group: ['**/core/**', '**/main/**', '**/server/**', '**/cli/**', '**/renderer/**'],
          message: 'The preload sees only electron/shared.',
        },
        { group: nodeBuiltins, message: 'The preload runs sandboxed: no Node modules.' },
      ],
    }),
  },
  {
    files: ['electron/**/*.ts', 'tests/**/*.{ts,tsx}'],
    // The preload's own tests fake the ipcRenderer it wraps.
    ignores: ['electron/preload/**', 'tests/unit/preload/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Identifier[name='ipcRenderer']",
          message: 'ipcRenderer is used only in electron/preload/ (shared/STYLE.md §2).',
        },
      ],
    },
  },
  {
    // Stored HTML reaches the page only through DOMPurify, in one component.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/components/SafeArticleHtml.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render untrusted HTML with SafeArticleHtml (DOMPurify), nowhere else.',
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...rendererImports('The renderer talks to the library only through the contract (electron/shared).'),
    },
  },
  {
    // Component tests: the renderer's components and state in a DOM (happy-dom), against the fake client.
    // They see what the renderer sees (electron/shared) plus the in-memory library in tests/support.
    files: ['tests/component/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...rendererImports('Component tests reach the library only through the contract (the fake client).'),
    },
  },
);
