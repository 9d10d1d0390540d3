import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Kept in test/ so the repository's top level holds only the package's own files.
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/runtimes/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
