#!/usr/bin/env node
/**
 * `onemessage-gateway`: runs the reference gateway over HTTP for local development and tests.
 * @module
 */

import { CliUsageError, isEntryPoint, parseFlags, readCommandLine } from './args.js';
import { createGateway, DEFAULT_TEST_API_KEY, GatewayOptionsError, type GatewayOptions } from '../gateway/index.js';

const USAGE = `Usage: onemessage-gateway [options]

Runs the OneMessage reference gateway (test mode) on your machine.

Options:
  --port <n>          TCP port (0 = any free port)               default 4010
  --host <name>       interface to bind                          default 127.0.0.1
  --api-key <key>     test key to accept (ark_test_…); repeatable default ${DEFAULT_TEST_API_KEY}
  --balance <amount>  opening balance of each account            default 100
  --currency <code>   EUR, USD or GBP                            default EUR
  --rate-limit <n>    requests per minute per key                default 10000
  --delivery-ms <n>   milliseconds from sent to delivered        default 800
  -h, --help          show this help
`;

/** Parsed command line: gateway options plus where to listen. */
export interface CliConfig {
  port: number;
  hostname: string;
  options: GatewayOptions;
}

/** Turns argv (without `node` and the script) into a config; throws a {@link CliUsageError} naming the bad flag. */
export function parseCli(argv: string[]): CliConfig | 'help' {
  const { values } = parseFlags({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'api-key': { type: 'string', multiple: true },
      balance: { type: 'string' },
      currency: { type: 'string' },
      'rate-limit': { type: 'string' },
      'delivery-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const options: GatewayOptions = {};
  if (values['api-key']) options.apiKeys = values['api-key'];
  if (values.balance !== undefined) options.balance = values.balance;
  if (values.currency !== undefined) options.currency = values.currency;
  if (values['rate-limit'] !== undefined) options.rateLimit = { limit: integerFlag('--rate-limit', values['rate-limit'], 1) };
  if (values['delivery-ms'] !== undefined) options.delivery = { deliveredAfterMs: integerFlag('--delivery-ms', values['delivery-ms'], 0) };
  return {
    port: values.port === undefined ? 4010 : integerFlag('--port', values.port, 0, 65535),
    hostname: values.host ?? '127.0.0.1',
    options,
  };
}

function integerFlag(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** Starts the gateway and serves until SIGINT/SIGTERM. Resolves the exit code. */
export async function main(argv: string[]): Promise<number> {
  const commandLine = readCommandLine('onemessage-gateway', USAGE, () => parseCli(argv), process);
  if (!commandLine.ok) return commandLine.exitCode;
  const { config } = commandLine;
  let gateway;
  try {
    gateway = createGateway({
      ...config.options,
      logger: { error: (message, fields) => process.stderr.write(`${message} ${JSON.stringify(fields ?? {})}\n`) },
    });
  } catch (error) {
    if (error instanceof GatewayOptionsError) {
      process.stderr.write(`onemessage-gateway: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const server = await gateway.listen({ port: config.port, hostname: config.hostname });
  const balance = (await (await gateway.fetch('/v1/balance', { headers: { authorization: `Bearer ${gateway.apiKey}` } })).json()) as {
    available: { amount: string; currency: string };
  };
  // Printing the key is the point: it is the user's own local test key, not a secret.
  process.stdout.write(
    [
      `OneMessage reference gateway listening on ${server.origin}`,
      `  Base URL: ${server.url}`,
      ...gateway.apiKeys.map((key) => `  API key:  ${key}`),
      `  Balance:  ${balance.available.amount} ${balance.available.currency} per key`,
      '',
      `  export ONEMESSAGE_BASE_URL=${server.url}`,
      `  export ONEMESSAGE_API_KEY=${gateway.apiKey}`,
      '',
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return new Promise<number>((resolve) => {
    const stop = (signal: string) => {
      process.stdout.write(`\nReceived ${signal}, shutting down.\n`);
      void gateway.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

if (isEntryPoint(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`onemessage-gateway: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
