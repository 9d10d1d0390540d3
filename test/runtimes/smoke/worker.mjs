// workerd: the fetch handler runs the smoke suite against the gateway named in its bindings.
// Bundled by the runner with esbuild and the `workerd`/`worker`/`browser` conditions, as wrangler does.
import * as sdk from '@onemessage/sdk';
import * as segments from '@onemessage/sdk/segments';
import * as webhooks from '@onemessage/sdk/webhooks';
import { runChecks } from './checks.mjs';

export default {
  async fetch(_request, env) {
    const gateway = { baseURL: env.ONEMESSAGE_SMOKE_BASE_URL, apiKey: env.ONEMESSAGE_SMOKE_API_KEY };
    const checks = await runChecks({ sdk, segments, webhooks }, gateway, 'workerd');
    return Response.json({ version: `workerd ${navigator.userAgent}`, checks });
  },
};
