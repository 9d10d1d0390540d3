// The OpenAPI document: generated, fresh, valid OpenAPI 3.1, and covering every gateway route.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { renderOpenApi } from '../../src/openapi/write.js';
import { OPERATIONS } from '../../src/openapi/operations.js';
import { schemaAt } from './contract.js';

const root = join(import.meta.dirname, '..', '..');
const committed = readFileSync(join(root, 'src/openapi/openapi.json'), 'utf8');
const document = JSON.parse(committed) as Record<string, any>;

describe('the OpenAPI document', () => {
  it('is the committed copy of what the schemas generate (run `npx tsx src/openapi/write.ts` when this fails)', () => {
    expect(renderOpenApi()).toBe(committed);
  });

  it('is what the build ships in dist/openapi.json', () => {
    const built = join(root, 'dist/openapi.json');
    if (!existsSync(built)) return; // a source-only checkout; npm test builds first
    expect(readFileSync(built, 'utf8')).toBe(committed);
  });

  it('validates as OpenAPI 3.1', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\.1\./);
  });

  it('every schema compiles under ajv strict mode and every example is valid', () => {
    const failures: string[] = [];
    for (const [name, schema] of Object.entries(document.components.schemas as Record<string, any>)) {
      const validate = schemaAt('components', 'schemas', name);
      for (const example of schema.examples ?? []) {
        if (!validate(example)) failures.push(`${name}: ${JSON.stringify(validate.errors)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('documents every route the gateway registers, and nothing else', () => {
    const registered = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts')) {
          const source = readFileSync(path, 'utf8');
          for (const m of source.matchAll(/router\.(get|post|delete)\(\s*['"`](\/v1\/[^'"`]*)['"`]/g)) {
            registered.add(`${m[1]} ${m[2]!.replace(/^\/v1/, '').replace(/:(\w+)/g, '{$1}')}`);
          }
        }
      }
    };
    walk(join(root, 'src/gateway'));
    const documented = new Set(OPERATIONS.filter((op) => !op.public).map((op) => `${op.method} ${op.path}`));
    expect([...registered].sort()).toEqual([...documented].sort());
  });

  it('has every error status the contract names, with its codes, and every webhook event', () => {
    const statuses = new Set<string>();
    for (const item of Object.values(document.paths as Record<string, Record<string, any>>)) {
      for (const op of Object.values(item)) for (const status of Object.keys(op.responses)) statuses.add(status);
    }
    for (const status of ['400', '401', '402', '403', '404', '409', '413', '422', '429', '500', '503']) {
      expect(statuses).toContain(status);
    }
    expect(Object.keys(document.webhooks).length).toBe(10);
    expect(document.components.securitySchemes.bearerAuth.scheme).toBe('bearer');
    expect(document.servers.map((s: { url: string }) => s.url)).toEqual([
      'https://api.onemessage.live/v1',
      'http://127.0.0.1:4010/v1',
    ]);
  });
});
