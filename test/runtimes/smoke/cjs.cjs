// Node (CommonJS): require every entry by package name; only the runtime-neutral checks come in
// through import(), since they are shared with the ESM runtimes.
const sdk = require('@onemessage/sdk');
const segments = require('@onemessage/sdk/segments');
const webhooks = require('@onemessage/sdk/webhooks');

const version = `node ${process.version}`;
import('./checks.mjs').then(({ main }) => main({ sdk, segments, webhooks }, { label: `${version} (cjs)`, version }));
