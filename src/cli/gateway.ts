#!/usr/bin/env node
/**
 * `onemessage-gateway`: runs the reference gateway over HTTP for local development and tests.
 * @module
 */

import { CliUsageError, isEntryPoint, packageVersion, parseFlags, readCommandLine } from './args.js';
import { createGateway, DEFAULT_TEST_API_KEY, GatewayOptionsError, type GatewayOptions } from '../gateway/index.js';
import { FaultSpecError, parseFaultSpec } from '../gateway/faults/options.js';

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
  --faults <spec>     inject faults, e.g. seed=1,error503=0.05,dropAfterCommit=0.1 (docs/faults.md)
  --sender <id>       pre-approve an alphanumeric sender ID, e.g. ACME; repeatable
  --allowed-host <h>  Host name to answer besides loopback ones (*.domain ok, * = any); repeatable
  --cors-origin <o>   browser origin allowed to read answers (default loopback; * = any); repeatable
  --data <file>       keep state in this SQLite file across restarts (Node >= 22.13); default: memory only
  -h, --help          show this help
  -v, --version       print the version

SIGINT (Ctrl+C), SIGTERM and SIGHUP close the server and exit. Under npx, where npm may not pass
a signal on, the gateway also stops when the process that started it exits.
`;

/** Parsed command line: gateway options plus where to listen. */
export interface CliConfig {
  port: number;
  hostname: string;
  options: GatewayOptions;
}

/** Turns argv (without `node` and the script) into a config; throws a {@link CliUsageError} naming the bad flag. */
export function parseCli(argv: string[]): CliConfig | 'help' | 'version' {
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
      faults: { type: 'string' },
      sender: { type: 'string', multiple: true },
      'allowed-host': { type: 'string', multiple: true },
      'cors-origin': { type: 'string', multiple: true },
      data: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const options: GatewayOptions = {};
  if (values['api-key']) options.apiKeys = values['api-key'];
  if (values.balance !== undefined) {
    if (!/^\d+(\.\d{1,4})?$/.test(values.balance)) {
      throw new CliUsageError(
        `--balance must be a non-negative amount with at most 4 decimals, e.g. 100 or 2.50, got '${values.balance}'`,
      );
    }
    options.balance = values.balance;
  }
  if (values.currency !== undefined) options.currency = values.currency;
  if (values.sender) options.approvedSenders = values.sender;
  const hosts = values['allowed-host'];
  if (hosts) options.allowedHosts = hosts.includes('*') ? '*' : hosts;
  const origins = values['cors-origin'];
  if (origins) options.corsOrigins = origins.includes('*') ? '*' : origins;
  if (values['rate-limit'] !== undefined)
    options.rateLimit = { limit: integerFlag('--rate-limit', values['rate-limit'], 1) };
  if (values.faults !== undefined) options.faults = faultsFlag(values.faults);
  if (values.data !== undefined) options.data = values.data;
  if (values['delivery-ms'] !== undefined)
    options.delivery = { deliveredAfterMs: integerFlag('--delivery-ms', values['delivery-ms'], 0) };
  return {
    port: values.port === undefined ? 4010 : integerFlag('--port', values.port, 0, 65535),
    hostname: values.host ?? '127.0.0.1',
    options,
  };
}

function faultsFlag(spec: string): GatewayOptions['faults'] {
  try {
    return parseFaultSpec(spec);
  } catch (error) {
    if (error instanceof FaultSpecError) throw new CliUsageError(`--faults: ${error.message}`);
    throw error;
  }
}

function integerFlag(flag: string, text: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new CliUsageError(`${flag} must be a whole number from ${min} to ${max}`);
  }
  return value;
}

/** The command-line flag behind each gateway option the CLI sets, for error messages. */
const FLAG_OF_OPTION: [pattern: RegExp, flag: string][] = [
  [/^apiKeys\[(\d+)\]$/, '--api-key'],
  [/^balance$/, '--balance'],
  [/^currency$/, '--currency'],
  [/^rateLimit\./, '--rate-limit'],
  [/^delivery\./, '--delivery-ms'],
  [/^faults\b/, '--faults'],
  [/^approvedSenders\[(\d+)\]$/, '--sender'],
  [/^allowedHosts\b/, '--allowed-host'],
  [/^corsOrigins\b/, '--cors-origin'],
  [/^data$/, '--data'],
];

/** A GatewayOptionsError in the CLI's terms: `--api-key (the 2nd): must be a test key…`. */
export function describeOptionsError(error: GatewayOptionsError): string {
  const rule = error.message.slice(error.message.indexOf(`${error.option}: `) + error.option.length + 2);
  for (const [pattern, flag] of FLAG_OF_OPTION) {
    const match = pattern.exec(error.option);
    if (!match) continue;
    const which = match[1] === undefined ? '' : ` (number ${Number(match[1]) + 1})`;
    return `${flag}${which} ${rule}`;
  }
  return error.message;
}

/** What a non-loopback --host exposes, said in the banner (empty for loopback). */
export function exposureNotice(config: CliConfig): string[] {
  const host = config.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1' || host.startsWith('127.')) return [];
  const hosts = config.options.allowedHosts;
  const names = hosts === '*' ? 'any Host name' : ['loopback names', ...(hosts ?? [])].join(', ');
  return [
    `  Warning: bound to ${config.hostname}, so other machines on the network can reach this gateway and`,
    '  use its test keys (the default key is public): read messages, register webhooks that make it POST',
    `  anywhere it can reach. Host names answered: ${names}${hosts === '*' ? '' : ' (add --allowed-host <name>)'}.`,
    '',
  ];
}

/** Where the state lives, said in the banner: a user must know whether a restart keeps it. */
function stateLine(data: string | undefined): string {
  return data === undefined
    ? 'in memory only (lost when the gateway stops; --data <file> keeps it)'
    : `kept in ${data}`;
}

/** How often the gateway checks that the process that started it (npm under npx) is still there. */
const PARENT_CHECK_MS = 1000;
/** How long `close()` may take before the process exits anyway (a client holding a connection). */
const CLOSE_TIMEOUT_MS = 5000;

/** Starts the gateway and serves until SIGINT/SIGTERM/SIGHUP or its parent exits. Resolves the exit code. */
export async function main(argv: string[]): Promise<number> {
  const version = packageVersion(import.meta.url);
  const commandLine = readCommandLine('onemessage-gateway', USAGE, () => parseCli(argv), process, version);
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
      process.stderr.write(`onemessage-gateway: ${describeOptionsError(error)}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const server = await gateway.listen({ port: config.port, hostname: config.hostname });
  // The configured opening balance, not a GET /v1/balance: a request here would spend one of the
  // first key's --rate-limit requests before the user made any.
  const balance = `${config.options.balance ?? '100'} ${config.options.currency ?? 'EUR'}`;
  // Printing the key is the point: it is the user's own local test key, not a secret.
  process.stdout.write(
    [
      `OneMessage reference gateway listening on ${server.origin}`,
      `  Base URL: ${server.url}`,
      ...gateway.apiKeys.map((key) => `  API key:  ${key}  (virtual number ${gateway.virtualNumber(key)})`),
      `  Balance:  ${balance} per key`,
      `  Senders:  ${['OneMSG', ...(config.options.approvedSenders ?? [])].join(', ')} (approved)`,
      `  State:    ${stateLine(config.options.data)}`,
      '',
      `  export ONEMESSAGE_BASE_URL=${server.url}`,
      `  export ONEMESSAGE_API_KEY=${gateway.apiKey}`,
      '',
      ...exposureNotice(config),
      'Press Ctrl+C to stop.',
      '',
    ].join('\n'),
  );
  return new Promise<number>((resolve) => {
    const parent = process.ppid;
    let stopping = false;
    const stop = (why: string) => {
      if (stopping) {
        process.stdout.write('Stopping now.\n');
        return resolve(1); // a second signal: do not wait for close()
      }
      stopping = true;
      clearInterval(watchParent);
      process.stdout.write(`\n${why}, shutting down.\n`);
      const forced = setTimeout(() => resolve(1), CLOSE_TIMEOUT_MS);
      forced.unref();
      gateway.close().then(
        () => resolve(0),
        () => resolve(1),
      );
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => stop(`Received ${signal}`));
    // npm (npx) may exit on SIGTERM without passing it on; we are then re-parented, so ppid changes.
    const watchParent = setInterval(() => {
      if (process.ppid !== parent) stop('The process that started the gateway exited');
    }, PARENT_CHECK_MS);
    watchParent.unref();
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
