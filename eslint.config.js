// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'net', 'crypto', 'child_process', 'http', 'https', 'url', 'events', 'stream', 'util'];

export default tseslint.config(
  { ignores: ['node_modules/', 'out/', 'dist/', 'bench/results/', 'test-results/', 'playwright-report/', 'eslint.config.js', 'build/*.mjs', 'build/*.d.mts', '.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
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
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer cannot use Node; ask main through the contract.' },
          { group: ['electron', '**/electron/**', 'node-hid', 'usb', 'serialport', 'ws'], message: 'The renderer talks to main only through renderer/src/api.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/src/**/*.tsx'],
    ignores: ['renderer/src/data/**', 'renderer/src/api/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'The renderer cannot use Node.' },
          { group: ['electron', '**/electron/**'], message: 'Use renderer/src/api.' },
          { group: ['**/data/db', '**/api/bridge'], message: 'Components read through hooks, never db or the bridge directly.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**', 'react', 'react-dom', 'dexie', '@mui/*'], message: 'Main-side code never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['test/**/*.ts', 'build/**/*.ts', 'bench/**/*.ts', '**/*.test.ts', '**/*.test.tsx', 'vitest.config.ts', 'renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
  },
);
