import { sveltekit } from '@sveltejs/kit/vite';
import adapter from '@sveltejs/adapter-node';
import { defineConfig } from 'vitest/config';

// SvelteKit 3 takes its options here; `files.src` keeps the app under web/.
export default defineConfig({
  plugins: [
    sveltekit({
      adapter: adapter({ out: 'build', precompress: false }),
      files: { src: 'web/src', assets: 'web/static' },
    }),
  ],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: [
            'workflows/**/*.test.ts',
            'server/**/*.test.ts',
            'db/**/*.test.ts',
            'web/src/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          sequence: { groupOrder: 0 },
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Suites share nothing but the worker: each owns its databases and server. Reusing the
          // process keeps PGlite's WebAssembly compiled and warm, which halves the suite's time.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // Browser tests time realtime effects ("on the wall within a second"): they run after
          // the other projects, not beside them on a 2-core machine.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
