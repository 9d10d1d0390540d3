// Tell the failures apart: bad input (caught before any request), API errors by class, and
// network trouble after the SDK's own retries.
//
//   ONEMESSAGE_API_KEY=ark_test_… npx tsx examples/handle-errors.ts
import OneMessage, {
  APIConnectionError,
  APIError,
  InsufficientCreditsError,
  NotFoundError,
  RateLimitError,
  ValidationError,
} from '@onemessage/sdk';

// Retries (connection errors, timeouts, 408, 409, 429, 5xx) and timeouts are per client and per call.
const client = new OneMessage({ maxRetries: 3, timeout: 10_000 });

async function attempt(label: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
    console.log(`${label}: ok`);
  } catch (error) {
    if (error instanceof ValidationError) {
      // Nothing was sent: each issue names the parameter, the contract code and the rule.
      for (const issue of error.issues) console.log(`${label}: ${issue.param} → ${issue.code}: ${issue.message}`);
    } else if (error instanceof NotFoundError) {
      console.log(`${label}: not found (request ${error.requestId})`);
    } else if (error instanceof InsufficientCreditsError) {
      console.log(`${label}: top up your balance`);
    } else if (error instanceof RateLimitError) {
      console.log(`${label}: rate limited, retry after ${error.retryAfter ?? '?'} s`);
    } else if (error instanceof APIError) {
      console.log(`${label}: ${error.status} ${error.code} (request ${error.requestId})`);
    } else if (error instanceof APIConnectionError) {
      console.log(`${label}: network trouble after retries: ${error.message}`);
    } else {
      throw error;
    }
  }
}

await attempt('bad number', () => client.messages.create({ to: '+44 79', sender: 'OneMSG', body: 'Hi' }));
await attempt('too long', () =>
  client.messages.create({ to: '+15005550000', sender: 'OneMSG', body: 'x'.repeat(1601) }),
);
await attempt('unknown id', () => client.messages.retrieve('msg_does_not_exist'));
await attempt('one call, no retries', () =>
  client.messages.create({ to: '+15005550000', sender: 'OneMSG', body: 'Hi' }, { maxRetries: 0, timeout: 5_000 }),
);
