// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'crypto', 'child_process', 'http', 'https', 'url', 'events', 'stream', 'util'];
/** test/ seen from electron/ or renderer/src/ (any depth of ../). */
const productTest = ['../test/*', '../../test/*', '../../../test/*', '../../../../test/*', '**/test/**'];
/** What every renderer file may not import. */
const rendererBase = [
  { group: nodeBuiltins, message: 'The renderer cannot use Node; ask main through the contract.' },
  { group: ['electron', '**/electron/**', 'node-hid', 'usb', 'serialport', 'ws'], message: 'The renderer talks to main only through renderer/src/api.' },
  { group: productTest, message: 'Product code never imports test/.' },
];
/** Only repositories (renderer/src/data) open or query the database; everyone else gets a handle passed in. */
const noDatabase = [
  { group: ['**/data/db'], allowTypeImports: true, message: 'Only repositories touch the database: call a data/*-repo function with the handle you were given.' },
  { group: ['dexie'], allowTypeImports: true, message: 'Only repositories touch Dexie.' },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/results/', 'test-results/', 'playwright-report/', 'eslint.config.js', 'build/*.mjs', 'build/*.d.mts', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // No `void` escape: a promise nobody awaits goes through fireAndLog (services/logger.ts).
      '@typescript-eslint/no-floating-promises': ['error', { ignoreVoid: false }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['electron', 'react', 'react-dom', 'dexie', '@mui/*', '**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on a host, the UI or storage.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: rendererBase }],
    },
  },
  // Folder boundaries (STYLE "Avoid": folder loops, product code importing test/, Dexie outside
  // the repositories). Type-only imports of the database class are allowed: services pass the handle.
  {
    files: ['renderer/src/data/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...rendererBase, { group: ['**/features/**', '**/services/**', '**/app/**'], message: 'data/ is the bottom layer: it never imports features, services or the app.' }] }],
    },
  },
  {
    files: ['renderer/src/services/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...rendererBase, ...noDatabase, { group: ['**/features/**', '**/app/**', 'react', 'react-dom', '@mui/*'], message: 'services/ are plain TypeScript: no React, no screens.' }] }],
    },
  },
  {
    files: ['renderer/src/features/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...rendererBase, ...noDatabase, { group: ['**/app/**'], message: 'features/ never import the app shell (app/ imports features).' }, { group: ['**/api/bridge'], message: 'Reach main through the services or renderer/src/api/client.' }] }],
    },
  },
  {
    files: ['renderer/src/app/**/*.{ts,tsx}'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [...rendererBase, ...noDatabase] }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test-support.ts', '**/*-test-support.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/renderer/**', 'react', 'react-dom', 'dexie', '@mui/*'], message: 'Main-side code never imports the renderer.' },
          { group: productTest, message: 'Product code never imports test/: move what it needs into electron/ (e.g. electron/printer/virtual/).' },
        ],
      }],
    },
  },
  { files: ['electron/**/*.test.ts'], languageOptions: { globals: globals.node } },
  {
    files: ['test/**/*.ts', 'build/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', '**/*.test.tsx', 'vitest.config.ts', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
