// Registered webhook endpoints per account, with their signing secrets and rotation grace periods.
import type { Clock } from '../clock.js';
import { GatewayError } from '../errors.js';
import { type IdGenerator, randomIds } from '../ids.js';
import { newWebhookSecret } from './secrets.js';
import type { Journal } from '../persistence/journal.js';
import type { WebhookEventType } from '../../schemas/common.js';
import type { WebhookEndpoint } from '../../schemas/webhook.js';

/** How long a rotated-out secret keeps signing alongside the new one, unless the gateway is told otherwise. */
export const DEFAULT_ROTATION_GRACE_MS = 24 * 60 * 60 * 1000;

/** A webhook endpoint as the API shows it, without its secret. */
export type WebhookEndpointView = Omit<WebhookEndpoint, 'secret' | 'previous_secret_expires_at'>;

/** A newly registered endpoint: the only time its secret is shown. */
export interface CreatedWebhookEndpoint extends WebhookEndpointView {
  /** `whsec_…`: signs every delivery to this endpoint. */
  secret: string;
}

/** The outcome of a secret rotation. */
export interface RotatedWebhookSecret {
  /** The endpoint, without secrets. */
  endpoint: WebhookEndpointView;
  /** The new `whsec_…` secret, signing from now on. */
  secret: string;
  /** ISO 8601 time until which the previous secret keeps signing alongside the new one. */
  previousSecretExpiresAt: string;
}

/** What {@link WebhookEndpointStore.create} needs. */
export interface WebhookEndpointInput {
  /** Where events are POSTed. */
  url: string;
  /** The event types to receive (repeats are merged). */
  events: WebhookEventType[];
  /** A note for people. */
  description?: string | null;
}

/** A secret that signs an endpoint's deliveries. */
export interface SigningSecret {
  value: string;
  /** Clock time (ms) after which the secret stops signing; absent for the current secret. */
  expiresAt?: number;
}

/** An endpoint as the store (and the data file) keeps it: its account and secrets included. */
export interface StoredEndpoint extends WebhookEndpointView {
  account: string;
  secrets: SigningSecret[];
}

/** Options of {@link WebhookEndpointStore}. */
export interface WebhookEndpointStoreOptions {
  /** Stamps `created_at` and times the end of rotation grace periods. */
  clock: Pick<Clock, 'now'>;
  /**
   * Milliseconds a rotated-out secret keeps signing next to the new one.
   * @default 86400000 (24 h)
   */
  rotationGraceMs?: number;
  /**
   * Makes the `wh_…` ids.
   * @default randomIds()
   */
  ids?: IdGenerator;
  /**
   * Most endpoints per account; {@link WebhookEndpointStore.create} past it throws 400.
   * @default 20
   */
  maxPerAccount?: number;
  /** Where endpoints, secrets and rotations are written (the `data` option). @default none: memory only */
  journal?: Journal;
}

/**
 * In-memory registry of webhook endpoints (each tagged with its account id) and of each account's
 * default secret. Bound: `maxPerAccount` endpoints per account (20) and one default secret per
 * account; each endpoint holds its current secret plus those still in their grace period.
 */
export class WebhookEndpointStore {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #rotationGraceMs: number;
  readonly #ids: IdGenerator;
  readonly #endpoints = new Map<string, StoredEndpoint>();
  readonly #defaultSecrets = new Map<string, string>();
  readonly #maxPerAccount: number;
  readonly #journal: Journal | undefined;

  constructor(options: WebhookEndpointStoreOptions) {
    this.#journal = options.journal;
    this.#clock = options.clock;
    this.#maxPerAccount = options.maxPerAccount ?? 20;
    this.#rotationGraceMs = options.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS;
    this.#ids = options.ids ?? randomIds();
  }

  /** Registers an endpoint and returns it with its first secret, the only time the secret is shown. */
  create(account: string, input: WebhookEndpointInput): CreatedWebhookEndpoint {
    if (this.count(account) >= this.#maxPerAccount) {
      // 400 rather than 403: the key may create endpoints, this request just asks for one too many.
      throw new GatewayError(
        400,
        'invalid_parameter',
        `An account may register at most ${this.#maxPerAccount} webhook endpoints; delete one first ` +
          '(each endpoint turns every event into one more delivery).',
        { param: 'url' },
      );
    }
    const secret = newWebhookSecret();
    const endpoint: StoredEndpoint = {
      id: this.#ids.next('wh'),
      object: 'webhook_endpoint',
      url: input.url,
      events: [...new Set(input.events)],
      description: input.description ?? null,
      created_at: new Date(this.#clock.now()).toISOString(),
      account,
      secrets: [{ value: secret }],
    };
    this.#endpoints.set(endpoint.id, endpoint);
    this.#save(endpoint);
    return { ...view(endpoint), secret };
  }

  /** Puts back an endpoint read from the data file. */
  restore(endpoint: StoredEndpoint): void {
    this.#endpoints.set(endpoint.id, endpoint);
  }

  /** Puts back an account's default secret read from the data file. */
  restoreDefaultSecret(account: string, secret: string): void {
    this.#defaultSecrets.set(account, secret);
  }

  /** How many endpoints the account has. */
  count(account: string): number {
    let count = 0;
    for (const endpoint of this.#endpoints.values()) if (endpoint.account === account) count++;
    return count;
  }

  /** The account's endpoints, newest first. */
  list(account: string): WebhookEndpointView[] {
    return [...this.#endpoints.values()]
      .filter((endpoint) => endpoint.account === account)
      .reverse()
      .map(view);
  }

  /** One endpoint of the account, or `undefined` (also for another account's endpoint). */
  get(account: string, id: string): WebhookEndpointView | undefined {
    const endpoint = this.#owned(account, id);
    return endpoint && view(endpoint);
  }

  /** Removes an endpoint; `false` when the account has no such endpoint. */
  delete(account: string, id: string): boolean {
    if (!this.#owned(account, id)) return false;
    this.#journal?.delete('endpoint', account, id);
    return this.#endpoints.delete(id);
  }

  /**
   * Replaces the endpoint's current secret with a new one and returns it. The previous secret
   * keeps signing next to it until the grace period ends; secrets already in their grace period
   * keep their own expiry.
   */
  rotate(account: string, id: string): RotatedWebhookSecret | undefined {
    const endpoint = this.#owned(account, id);
    if (!endpoint) return undefined;
    const now = this.#clock.now();
    const expiresAt = now + this.#rotationGraceMs;
    const secret = newWebhookSecret();
    endpoint.secrets = [
      { value: secret },
      ...this.#live(endpoint).map((old) => ({ value: old.value, expiresAt: old.expiresAt ?? expiresAt })),
    ];
    this.#save(endpoint);
    return { endpoint: view(endpoint), secret, previousSecretExpiresAt: new Date(expiresAt).toISOString() };
  }

  /** The secrets that sign deliveries to this endpoint now: the newest first, then those still in grace. */
  signingSecrets(id: string): string[] {
    const endpoint = this.#endpoints.get(id);
    if (!endpoint) return [];
    const live = this.#live(endpoint);
    if (live.length !== endpoint.secrets.length) this.#save(endpoint);
    endpoint.secrets = live;
    return endpoint.secrets.map((secret) => secret.value);
  }

  /** The account's endpoints subscribed to `type`, with their ids. */
  subscribers(account: string, type: WebhookEventType): WebhookEndpointView[] {
    return [...this.#endpoints.values()]
      .filter((endpoint) => endpoint.account === account && endpoint.events.includes(type))
      .map(view);
  }

  /** The account's default secret, which signs deliveries to a message's `callback_url`; created on first use. */
  defaultSecret(account: string): string {
    let secret = this.#defaultSecrets.get(account);
    if (!secret) {
      secret = newWebhookSecret();
      this.#defaultSecrets.set(account, secret);
      const value = secret;
      this.#journal?.put('default_secret', account, account, () => value);
    }
    return secret;
  }

  #save(endpoint: StoredEndpoint): void {
    this.#journal?.put('endpoint', endpoint.account, endpoint.id, () => endpoint);
  }

  #owned(account: string, id: string): StoredEndpoint | undefined {
    const endpoint = this.#endpoints.get(id);
    return endpoint?.account === account ? endpoint : undefined;
  }

  #live(endpoint: StoredEndpoint): SigningSecret[] {
    const now = this.#clock.now();
    return endpoint.secrets.filter((secret) => secret.expiresAt === undefined || secret.expiresAt > now);
  }
}

function view(endpoint: StoredEndpoint): WebhookEndpointView {
  const { id, object, url, events, description, created_at } = endpoint;
  return { id, object, url, events: [...events], description, created_at };
}
