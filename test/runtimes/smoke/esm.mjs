// Node (ESM), Deno and Bun: import every entry by package name, as an application would.
import * as sdk from '@onemessage/sdk';
import * as segments from '@onemessage/sdk/segments';
import * as webhooks from '@onemessage/sdk/webhooks';
import { main } from './checks.mjs';

const version = globalThis.Deno
  ? `deno ${globalThis.Deno.version.deno}`
  : globalThis.Bun
    ? `bun ${globalThis.Bun.version}`
    : `node ${process.version}`;

await main({ sdk, segments, webhooks }, { label: `${version} (esm)`, version });
