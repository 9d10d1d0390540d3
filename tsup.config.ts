import { copyFile } from 'node:fs/promises';
import { defineConfig } from 'tsup';

// One build, every public entry. ESM is split so that shared code (errors, segments)
// is one module whatever entry loads it; CJS entries are self-contained.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'index.node': 'src/index.node.ts',
    'segments/index': 'src/segments/index.ts',
    'webhooks/index': 'src/webhooks/index.ts',
    'webhooks/index.node': 'src/webhooks/index.node.ts',
    'gateway/index': 'src/gateway/index.ts',
    'cli/gateway': 'src/cli/gateway.ts',
    'cli/segments': 'src/cli/segments.ts',
  },
  format: ['esm', 'cjs'],
  // TypeScript 6 deprecates `baseUrl`, which tsup's declaration build still sets internally.
  dts: { compilerOptions: { ignoreDeprecations: '6.0' } },
  splitting: true,
  sourcemap: false,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  treeshake: true,
  external: ['undici', 'zod', 'libphonenumber-js', /^node:/],
  // The committed OpenAPI document ships as-is (`@onemessage/sdk/openapi.json`); test/openapi checks it is fresh,
  // so the build never regenerates it and a stale copy fails the tests instead of being silently rewritten.
  onSuccess: () => copyFile('src/openapi/openapi.json', 'dist/openapi.json'),
});
