/**
 * The operation table: one entry per route of the contract. Schemas are component names (see
 * components.ts); error codes per status are the contract's, and build.ts adds the ones every
 * operation shares (401, 429, 500, 503; 400/409/413/422 on POST). Adding an operation is one entry.
 * @module
 */

import type * as z from 'zod/mini';
import type { ErrorCode } from '../schemas/error.js';
import { ListParamsSchema } from '../schemas/list-params.js';
import { MessageListParamsSchema } from '../schemas/message-params.js';
import { SenderListParamsSchema } from '../schemas/sender-params.js';

/** A documented path parameter. */
export interface PathParam {
  description: string;
  /** The id prefix, e.g. `msg_`: becomes a `pattern`. */
  prefix?: string;
}

/** One operation of the API. */
export interface Operation {
  /** `operationId`, camelCase: what generated clients name the method. */
  id: string;
  method: 'get' | 'post' | 'delete';
  /** Below the server URL (which ends in `/v1`), OpenAPI style: `/messages/{id}`. */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** The SDK call that sends it, when the SDK has one. */
  sdk?: string;
  pathParams?: Record<string, PathParam>;
  /** An object schema whose properties become query parameters. */
  query?: z.core.$ZodType;
  /** Request body component. */
  body?: string;
  /** Success responses: status → component name (`null` for no body). */
  responses: Record<number, { component: string | null; description: string }>;
  /** Operation-specific error codes per status (shared ones are added by build.ts). */
  errors?: Partial<Record<number, readonly ErrorCode[]>>;
  /** No API key needed (the document itself). */
  public?: boolean;
  /** Answers test keys only (`/v1/test/…`): a live key gets 403 `permission_denied`. */
  testOnly?: boolean;
}

const id = (what: string, prefix: string): Record<string, PathParam> => ({
  id: { description: `The ${what} id, \`${prefix}…\`.`, prefix },
});

// The codes a send can answer with besides validation: money, sender approval, content policy.
const SEND_ERRORS = {
  400: [
    'invalid_phone_number',
    'invalid_sender',
    'message_too_long',
    'missing_parameter',
    'invalid_parameter',
    'multiple_segments_not_allowed',
    'forbidden_content',
  ],
  402: ['insufficient_credits'],
  403: ['sender_not_approved'],
} as const;

/** Every operation of the contract, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = [
  {
    id: 'createMessage',
    method: 'post',
    path: '/messages',
    tag: 'Messages',
    summary: 'Send an SMS',
    description:
      'Sends an SMS now or at `scheduled_at`. With `dry_run` it is validated and priced (200), never sent nor stored.',
    sdk: 'client.messages.create',
    body: 'MessageCreateParams',
    responses: {
      201: { component: 'Message', description: 'The message, `queued` (or `scheduled`).' },
      200: { component: 'Message', description: 'A dry run: the message as it would be sent, not stored.' },
    },
    errors: SEND_ERRORS,
  },
  {
    id: 'createMessageBatch',
    method: 'post',
    path: '/messages/batch',
    tag: 'Messages',
    summary: 'Send up to 10,000 SMS in one call',
    description:
      'Each entry is checked and sent on its own: one bad recipient never fails the others (see `results`). ' +
      "`body` may hold `{{name}}` placeholders filled from each entry's `variables`.",
    sdk: 'client.messages.batch',
    body: 'BatchCreateParams',
    responses: { 201: { component: 'Batch', description: 'One result per entry, in request order.' } },
    errors: { 400: ['missing_parameter', 'invalid_parameter', 'batch_too_large'], 402: ['insufficient_credits'] },
  },
  {
    id: 'listMessages',
    method: 'get',
    path: '/messages',
    tag: 'Messages',
    summary: 'List messages, newest first',
    sdk: 'client.messages.list',
    query: MessageListParamsSchema,
    responses: { 200: { component: 'MessageList', description: 'A page of messages.' } },
    errors: { 400: ['invalid_parameter', 'invalid_phone_number'] },
  },
  {
    id: 'retrieveMessage',
    method: 'get',
    path: '/messages/{id}',
    tag: 'Messages',
    summary: 'Retrieve a message with its delivery-report history',
    sdk: 'client.messages.retrieve',
    pathParams: id('message', 'msg_'),
    responses: { 200: { component: 'Message', description: 'The message.' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'cancelMessage',
    method: 'post',
    path: '/messages/{id}/cancel',
    tag: 'Messages',
    summary: 'Cancel a scheduled message',
    description: 'Only a `scheduled` message can be canceled (else 400 `invalid_parameter`); its price is refunded.',
    sdk: 'client.messages.cancel',
    pathParams: id('message', 'msg_'),
    responses: { 200: { component: 'Message', description: 'The message, now `canceled`.' } },
    errors: { 400: ['invalid_parameter'], 404: ['not_found'] },
  },
  {
    id: 'sendOtp',
    method: 'post',
    path: '/otp/send',
    tag: 'OTP',
    summary: 'Send a one-time password by SMS',
    description: 'The code is never in a live response; with a test key the answer adds `code` for test automation.',
    sdk: 'client.otp.send',
    body: 'OtpSendParams',
    responses: { 201: { component: 'Otp', description: 'The OTP, `pending`.' } },
    errors: SEND_ERRORS,
  },
  {
    id: 'verifyOtp',
    method: 'post',
    path: '/otp/verify',
    tag: 'OTP',
    summary: 'Check a code the user typed',
    description: 'A wrong code is not an error: check `valid` and `status`.',
    sdk: 'client.otp.verify',
    body: 'OtpVerifyParams',
    responses: { 200: { component: 'OtpVerification', description: 'The outcome of this attempt.' } },
    errors: { 400: ['missing_parameter', 'invalid_parameter'], 404: ['not_found'] },
  },
  {
    id: 'createCall',
    method: 'post',
    path: '/voice/calls',
    tag: 'Voice',
    summary: 'Place a text-to-speech or recorded-audio call',
    sdk: 'client.voice.calls.create',
    body: 'CallCreateParams',
    responses: { 201: { component: 'Call', description: 'The call, `queued`.' } },
    errors: {
      400: ['invalid_phone_number', 'missing_parameter', 'invalid_parameter'],
      402: ['insufficient_credits'],
    },
  },
  {
    id: 'retrieveCall',
    method: 'get',
    path: '/voice/calls/{id}',
    tag: 'Voice',
    summary: 'Retrieve a voice call',
    sdk: 'client.voice.calls.retrieve',
    pathParams: id('call', 'call_'),
    responses: { 200: { component: 'Call', description: 'The call.' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'createSender',
    method: 'post',
    path: '/senders',
    tag: 'Senders',
    summary: 'Register a sender ID for approval',
    description: 'Answered `pending`; `sender.approved` or `sender.rejected` announces the review.',
    sdk: 'client.senders.create',
    body: 'SenderCreateParams',
    responses: { 201: { component: 'Sender', description: 'The registration.' } },
    errors: { 400: ['invalid_sender', 'missing_parameter', 'invalid_parameter'] },
  },
  {
    id: 'listSenders',
    method: 'get',
    path: '/senders',
    tag: 'Senders',
    summary: 'List sender IDs, newest first',
    sdk: 'client.senders.list',
    query: SenderListParamsSchema,
    responses: { 200: { component: 'SenderList', description: 'A page of senders.' } },
    errors: { 400: ['invalid_parameter'] },
  },
  {
    id: 'retrieveSender',
    method: 'get',
    path: '/senders/{id}',
    tag: 'Senders',
    summary: 'Retrieve a sender ID registration',
    sdk: 'client.senders.retrieve',
    pathParams: id('sender', 'snd_'),
    responses: { 200: { component: 'Sender', description: 'The sender.' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'retrieveBalance',
    method: 'get',
    path: '/balance',
    tag: 'Balance',
    summary: 'Read the account balance',
    sdk: 'client.balance.retrieve',
    responses: { 200: { component: 'Balance', description: 'The balance.' } },
  },
  {
    id: 'createWebhookEndpoint',
    method: 'post',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'Register a webhook endpoint',
    description: 'The answer holds the signing `secret` (`whsec_…`), shown only here and by `rotate_secret`.',
    sdk: 'client.webhooks.create',
    body: 'WebhookEndpointCreateParams',
    responses: { 201: { component: 'WebhookEndpoint', description: 'The endpoint, with its secret.' } },
    errors: { 400: ['missing_parameter', 'invalid_parameter'] },
  },
  {
    id: 'listWebhookEndpoints',
    method: 'get',
    path: '/webhooks',
    tag: 'Webhooks',
    summary: 'List webhook endpoints, newest first',
    sdk: 'client.webhooks.list',
    query: ListParamsSchema,
    responses: { 200: { component: 'WebhookEndpointList', description: 'A page of endpoints (no secrets).' } },
    errors: { 400: ['invalid_parameter'] },
  },
  {
    id: 'retrieveWebhookDefaultSecret',
    method: 'get',
    path: '/webhooks/default_secret',
    tag: 'Webhooks',
    summary: "Read the account's default signing secret",
    description: "It signs the events sent to a message's `callback_url`.",
    sdk: 'client.webhooks.defaultSecret',
    responses: { 200: { component: 'WebhookSecret', description: 'The secret.' } },
  },
  {
    id: 'retrieveWebhookEndpoint',
    method: 'get',
    path: '/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Retrieve a webhook endpoint',
    sdk: 'client.webhooks.retrieve',
    pathParams: id('webhook endpoint', 'wh_'),
    responses: { 200: { component: 'WebhookEndpoint', description: 'The endpoint (no secret).' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'deleteWebhookEndpoint',
    method: 'delete',
    path: '/webhooks/{id}',
    tag: 'Webhooks',
    summary: 'Delete a webhook endpoint',
    description: 'Its pending retries are dropped.',
    sdk: 'client.webhooks.delete',
    pathParams: id('webhook endpoint', 'wh_'),
    responses: { 200: { component: 'WebhookEndpointDeleted', description: 'The deletion.' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'rotateWebhookSecret',
    method: 'post',
    path: '/webhooks/{id}/rotate_secret',
    tag: 'Webhooks',
    summary: "Rotate a webhook endpoint's signing secret",
    description:
      'The previous secret keeps signing alongside the new one until `previous_secret_expires_at`: ' +
      'deliveries carry one `v1=` per active secret.',
    sdk: 'client.webhooks.rotateSecret',
    pathParams: id('webhook endpoint', 'wh_'),
    responses: { 200: { component: 'WebhookEndpoint', description: 'The endpoint, with the new secret.' } },
    errors: { 404: ['not_found'] },
  },
  {
    id: 'listWebhookDeliveries',
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    tag: 'Webhooks',
    summary: "List an endpoint's deliveries, newest first",
    sdk: 'client.webhooks.deliveries',
    pathParams: id('webhook endpoint', 'wh_'),
    query: ListParamsSchema,
    responses: { 200: { component: 'WebhookDeliveryList', description: 'A page of deliveries.' } },
    errors: { 400: ['invalid_parameter'], 404: ['not_found'] },
  },
  {
    id: 'createTestTopUp',
    method: 'post',
    path: '/test/top_ups',
    tag: 'Test mode',
    summary: 'Add test credit',
    sdk: 'client.test.topUp',
    body: 'TestTopUpParams',
    testOnly: true,
    responses: { 200: { component: 'Balance', description: 'The balance after the top-up.' } },
    errors: { 400: ['missing_parameter', 'invalid_parameter'] },
  },
  {
    id: 'createTestInbound',
    method: 'post',
    path: '/test/inbound',
    tag: 'Test mode',
    summary: "Simulate an inbound SMS to one of the account's numbers",
    description: 'Stores an `inbound` Message and emits `message.received`.',
    sdk: 'client.test.inbound',
    body: 'TestInboundParams',
    testOnly: true,
    responses: { 201: { component: 'Message', description: 'The inbound message.' } },
    errors: { 400: ['invalid_phone_number', 'message_too_long', 'missing_parameter', 'invalid_parameter'] },
  },
  {
    id: 'retrieveOpenApiDocument',
    method: 'get',
    path: '/openapi.json',
    tag: 'Meta',
    summary: 'This OpenAPI document',
    description: 'Served without an API key.',
    public: true,
    responses: { 200: { component: null, description: 'The OpenAPI 3.1 document of this API.' } },
  },
];
