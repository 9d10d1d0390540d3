// The smoke suite every runtime runs against the built package. Plain ESM with no imports: each
// runtime's entry script loads the package its own way (import, require, bundle, import map) and
// hands the modules in, so this file proves behaviour, not module resolution.

const TEST_NUMBER = '+14155552671';
const SECRET = 'whsec_runtime_matrix_secret';

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

function equal(actual, expected, what) {
  assert(Object.is(actual, expected), `${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

async function segmentsCheck({ segments }) {
  const { segments: count } = segments;
  assert(typeof count === 'function', 'segments entry has no segments() function');
  const plain = count('Hello from the runtime matrix');
  equal(plain.encoding, 'GSM-7', 'encoding of plain ASCII');
  equal(plain.segments, 1, 'segments of a short GSM-7 text');
  const long = count('a'.repeat(161));
  equal(long.segments, 2, 'segments of 161 GSM-7 characters');
  equal(long.parts[0].length, 153, 'first part of a split GSM-7 text');
  const euro = count('€'.repeat(81));
  equal(euro.encoding, 'GSM-7', 'encoding of the euro sign (extension table)');
  equal(euro.segments, 2, 'segments of 81 escape pairs (162 septets)');
  equal(euro.parts[0], '€'.repeat(76), 'first part of split escape pairs (152 septets: a pair is never split)');
  const unicode = count('Привет, мир 👋');
  equal(unicode.encoding, 'UCS-2', 'encoding of Cyrillic and an emoji');
  equal(unicode.segments, 1, 'segments of a short UCS-2 text');
}

async function webhookCheck({ webhooks }) {
  const { signWebhook, verifyWebhook } = webhooks;
  assert(typeof signWebhook === 'function', 'webhooks entry has no signWebhook()');
  assert(typeof verifyWebhook === 'function', 'webhooks entry has no verifyWebhook()');
  const payload = JSON.stringify({
    event_id: 'evt_runtime_matrix',
    type: 'message.delivered',
    created: Math.floor(Date.now() / 1000),
    data: { id: 'msg_runtime_matrix', object: 'message', status: 'delivered' },
  });
  const signature = await signWebhook({ payload, secret: SECRET });
  assert(/^t=\d+,v1=[0-9a-f]{64}$/.test(signature), `unexpected signature header ${signature}`);
  const event = await verifyWebhook({ payload, signature, secret: SECRET });
  equal(event.type, 'message.delivered', 'verified event type');
  equal(event.data.id, 'msg_runtime_matrix', 'verified event data.id');

  const tampered = payload.replace('delivered"', 'failed"');
  let rejected = false;
  try {
    await verifyWebhook({ payload: tampered, signature, secret: SECRET });
  } catch (error) {
    rejected = true;
    equal(error.name, 'WebhookVerificationError', 'error thrown for a tampered body');
  }
  assert(rejected, 'a tampered body was accepted');
}

function makeClient({ sdk }, gateway) {
  const OneMessage = sdk.OneMessage ?? sdk.default;
  assert(typeof OneMessage === 'function', 'main entry has no OneMessage class');
  return new OneMessage({ apiKey: gateway.apiKey, baseURL: gateway.baseURL, maxRetries: 0 });
}

async function messageChecks(modules, gateway, state) {
  const client = makeClient(modules, gateway);
  const body = `Hello from ${state.label}`;
  const message = await client.messages.create({ to: TEST_NUMBER, body, sender: 'OneMSG' });
  assert(String(message.id).startsWith('msg_'), `created message id ${message.id} lacks the msg_ prefix`);
  equal(message.body, body, 'created message body');
  equal(message.encoding, 'GSM-7', 'created message encoding');
  equal(message.segments, 1, 'created message segments');
  state.messageId = message.id;
}

async function listCheck(modules, gateway, state) {
  assert(state.messageId, 'no message was created to list');
  const client = makeClient(modules, gateway);
  const page = await client.messages.list({ to: TEST_NUMBER, limit: 100 });
  const data = page.data;
  assert(Array.isArray(data), 'messages.list() result has no data array');
  assert(
    data.some((message) => message.id === state.messageId),
    `messages.list() does not include ${state.messageId}`,
  );
}

async function errorCheck({ sdk }, gateway) {
  const OneMessage = sdk.OneMessage ?? sdk.default;
  const client = new OneMessage({ apiKey: 'ark_test_not_a_known_key', baseURL: gateway.baseURL, maxRetries: 0 });
  let caught;
  try {
    await client.messages.create({ to: TEST_NUMBER, body: 'never sent', sender: 'OneMSG' });
  } catch (error) {
    caught = error;
  }
  assert(caught, 'a request with an unknown key did not fail');
  equal(caught.name, 'AuthenticationError', 'error class name for a 401');
  assert(caught instanceof sdk.APIError, 'a 401 error is not an instance of the exported APIError');
  equal(caught.status, 401, 'status of the 401 error');
  assert(!String(caught.message).includes('ark_test_not_a_known_key'), 'the error message contains the API key');
}

/** Every check, by the parts of the package it needs. */
export const CHECKS = [
  { name: 'segments', needs: ['segments'], run: segmentsCheck },
  { name: 'webhook sign+verify', needs: ['webhooks'], run: webhookCheck },
  { name: 'messages.create', needs: ['sdk', 'gateway'], run: messageChecks },
  { name: 'messages.list', needs: ['sdk', 'gateway'], run: listCheck },
  { name: 'typed errors', needs: ['sdk', 'gateway'], run: errorCheck },
];

/**
 * Runs the checks whose needs `modules` and `gateway` meet, each isolated so one failure does not
 * hide the others.
 * @param {{ sdk?: object, segments?: object, webhooks?: object }} modules
 * @param {{ baseURL: string, apiKey: string } | undefined} gateway
 */
export async function runChecks(modules, gateway, label) {
  const available = new Set(Object.keys(modules).filter((key) => modules[key]));
  if (gateway) available.add('gateway');
  const state = { label };
  const results = [];
  for (const check of CHECKS) {
    if (!check.needs.every((need) => available.has(need))) continue;
    const started = Date.now();
    try {
      await check.run(modules, gateway, state);
      results.push({ name: check.name, ok: true, ms: Date.now() - started });
    } catch (error) {
      results.push({ name: check.name, ok: false, ms: Date.now() - started, error: describe(error) });
    }
  }
  return results;
}

function describe(error) {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
  return `${error.name}: ${error.message}${cause}`;
}

/** The line a runtime prints for the runner to read. */
export const RESULT_MARKER = 'SMOKE_RESULT ';

/** Reads an environment variable in Node, Deno and Bun alike. */
export function readEnv(name) {
  return globalThis.Deno?.env.get(name) ?? globalThis.process?.env?.[name];
}

/** The gateway the runner started, from the environment. */
export function gatewayFromEnv() {
  const baseURL = readEnv('ONEMESSAGE_SMOKE_BASE_URL');
  const apiKey = readEnv('ONEMESSAGE_SMOKE_API_KEY');
  return baseURL && apiKey ? { baseURL, apiKey } : undefined;
}

/** Runs every check and prints the result line; used by the Node, Deno and Bun entry scripts. */
export async function main(modules, { label, version }) {
  let checks;
  try {
    checks = await runChecks(modules, gatewayFromEnv(), label);
  } catch (error) {
    checks = [{ name: 'suite', ok: false, error: describe(error) }];
  }
  console.log(RESULT_MARKER + JSON.stringify({ version, checks }));
}
