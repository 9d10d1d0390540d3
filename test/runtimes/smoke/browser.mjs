// Chromium: the entries a page uses on its own (segments, webhooks), loaded through an import map
// that points at the package's files as published.
import * as segments from '@onemessage/sdk/segments';
import * as webhooks from '@onemessage/sdk/webhooks';
import { runChecks } from './checks.mjs';

globalThis.__smokeResult = runChecks({ segments, webhooks }, undefined, 'chromium').then((checks) => ({
  version: navigator.userAgent.match(/Chrome\/[\d.]+/)?.[0] ?? navigator.userAgent,
  checks,
}));
