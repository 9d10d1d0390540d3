// `npm run demo` is the first thing a new user runs: it must keep working, end to end over HTTP.
import { describe, expect, it } from 'vitest';
import { requireBuild } from './built.js';

requireBuild(); // before the import below, which resolves @onemessage/sdk to dist/
const { runDemo } = await import('../../examples/demo.js');

describe('npm run demo', () => {
  it('sends a message through the gateway over HTTP and receives its signed, verified webhooks', async () => {
    const lines: string[] = [];
    const { message, events } = await runDemo((line) => lines.push(line));

    expect(message.status).toBe('delivered');
    expect(message.events.map((e) => e.status)).toEqual(['queued', 'sent', 'delivered']);
    expect(events.map((e) => e.type)).toEqual(['message.sent', 'message.delivered']);
    expect(events.every((e) => (e.data as { id: string }).id === message.id)).toBe(true);
    expect(lines.at(-1)).toContain(`${message.id} is delivered`);
  });
});
