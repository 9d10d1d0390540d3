// Shared set-up for gateway tests: a gateway on a ManualClock and small request helpers.
import {
  createGateway,
  ManualClock,
  sequentialIds,
  type Gateway,
  type GatewayOptions,
} from '../../src/gateway/index.js';

export interface TestGateway {
  gateway: Gateway;
  clock: ManualClock;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  send(params: Record<string, unknown>, headers?: Record<string, string>): Promise<Record<string, any>>;
}

export function makeGateway(options: GatewayOptions = {}): TestGateway {
  const clock = new ManualClock(Date.parse('2026-03-01T12:00:00.000Z'));
  const gateway = createGateway({ clock, ids: sequentialIds(), ...options });
  const auth = { authorization: `Bearer ${gateway.apiKey}` };
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    gateway.fetch(path, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, headers: Record<string, string> = {}) =>
    gateway.fetch(path, { headers: { ...auth, ...headers } });
  const send = async (params: Record<string, unknown>, headers?: Record<string, string>) => {
    const response = await post('/v1/messages', { to: '+447911123456', body: 'Hello', ...params }, headers);
    const json = (await response.json()) as Record<string, any>;
    if (response.status !== 201) throw new Error(`send failed: ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  return { gateway, clock, post, get, send };
}

export async function errorOf(
  response: Response,
): Promise<{ status: number; type: string; code: string; param?: string; message: string; request_id: string }> {
  const body = (await response.json()) as {
    error: { type: string; code: string; param?: string; message: string; request_id: string };
  };
  return { status: response.status, ...body.error };
}
