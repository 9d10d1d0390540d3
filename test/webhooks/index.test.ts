import { describe, expect, it } from 'vitest';
import * as nodeBuild from '../../src/webhooks/index.node.js';
import * as webBuild from '../../src/webhooks/index.js';

describe('the webhooks entry points', () => {
  it('export the same names from the Web Crypto and the node:crypto build', () => {
    expect(Object.keys(nodeBuild).sort()).toEqual(Object.keys(webBuild).sort());
    expect(Object.keys(webBuild).sort()).toEqual([
      'WebhookOptionsError',
      'WebhookVerificationError',
      'createMemoryReplayStore',
      'createReplayGuard',
      'signWebhook',
      'verifyWebhook',
    ]);
  });

  it('give verifyWebhook a request() sibling in both builds', () => {
    expect(typeof webBuild.verifyWebhook.request).toBe('function');
    expect(typeof nodeBuild.verifyWebhook.request).toBe('function');
  });
});
