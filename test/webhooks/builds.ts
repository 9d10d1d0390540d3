// Both builds of @onemessage/sdk/webhooks, so every behaviour is checked against each.
import * as nodeBuild from '../../src/webhooks/index.node.js';
import * as webBuild from '../../src/webhooks/index.js';

export const builds = [
  { name: 'Web Crypto build (index.ts)', ...webBuild },
  { name: 'node:crypto build (index.node.ts)', ...nodeBuild },
] as const;
