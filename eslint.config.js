import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';

// Fast, non-type-checked lint: tsc and svelte-check already do the type work in `npm run check`.
export default defineConfig(
  globalIgnores(['build/', '.svelte-kit/', 'node_modules/', 'data/', 'test-results/', 'BENCHMARKS.md']),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  // Formatting belongs to Prettier; these turn off every rule that would fight it.
  prettier,
  svelte.configs.prettier,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // <script lang="ts"> in components and runes modules (*.svelte.ts) go through typescript-eslint's parser.
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        parser: ts.parser,
        extraFileExtensions: ['.svelte'],
      },
    },
  },
  {
    // TypeScript (tsc, svelte-check) resolves names; core no-undef misreads types such as `App.*` in components.
    files: ['**/*.svelte'],
    rules: { 'no-undef': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          args: 'after-used',
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
        },
      ],
    },
  },
  {
    // Server-side code logs through pino, never the console.
    files: ['server/**', 'db/**', 'workflows/**'],
    rules: { 'no-console': 'error' },
  },
);
