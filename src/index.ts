// @onemessage/sdk: the client, its errors and the public types. Re-exports only; importing this
// loads no zod, libphonenumber-js or undici (they load on first use).
export { OneMessage, OneMessage as default, DEFAULT_BASE_URL, type ClientOptions } from './client.js';
export {
  OneMessageError,
  APIError,
  BadRequestError,
  AuthenticationError,
  InsufficientCreditsError,
  PermissionDeniedError,
  NotFoundError,
  IdempotencyError,
  ConflictError,
  RateLimitError,
  InternalServerError,
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  ValidationError,
  type ResponseHeaders,
  type RequestDescription,
  type WireError,
} from './core/errors.js';
export {
  APIPromise,
  type APIResponseInfo,
  type RateLimit,
  type RawResponse,
  type WithResponse,
} from './core/api-promise.js';
export { Page, PagePromise, type PageFetcher } from './core/pagination.js';
export { APIResource } from './core/resource.js';
// The transport seam (Transport, TransportRequest, TransportResponse, TransportTimeoutError) is
// internal: the `fetch` option is the one supported way to change how requests are sent.
export { type CallSpec, type Fetch, type Logger, type RequestOptions, type Validator } from './core/transport.js';
export { VERSION } from './core/version.js';
export { Messages } from './resources/messages.js';
export type { MessageEstimate, MessageEstimateParams } from './pricing/estimate.js';
export type { Currency } from './pricing/prices.js';
export { Webhooks } from './resources/webhooks.js';
export { OneTimePasswords } from './resources/otp.js';
export { Calls, Voice } from './resources/voice.js';
export { Senders } from './resources/senders.js';
export { BalanceResource } from './resources/balance.js';
export { TestHelpers, TestModeError } from './resources/test.js';
export type {
  Autoconvert,
  Direction,
  Encoding,
  Metadata,
  MessageStatus,
  Money,
  Route,
  WebhookEventType,
} from './schemas/common.js';
export type { Batch, BatchResult, Message, MessageError, MessageEvent } from './schemas/message.js';
export type { Otp, OtpStatus, OtpVerification } from './schemas/otp.js';
export type { Call, CallEvent, CallLeg, CallOutcome, CallStatus } from './schemas/call.js';
export type { Sender } from './schemas/sender.js';
export type { Balance, TopUp } from './schemas/balance.js';
export type {
  WebhookDelivery,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointDeleted,
  WebhookSecret,
} from './schemas/webhook.js';
export type { List } from './schemas/list.js';
export type { ErrorBody, ErrorCode, ErrorType } from './schemas/error.js';
export type { ListParams } from './schemas/list-params.js';
export type { MessageCreateParams, MessageListParams } from './schemas/message-params.js';
export type { BatchCreateParams, BatchDefaults, BatchEntry, BatchVariables } from './schemas/batch-params.js';
export {
  SendManyJob,
  type SendManyChunkFailure,
  type SendManyOptions,
  type SendManyProgress,
  type SendManyRecipients,
  type SendManyResult,
  type SendManySummary,
} from './bulk/send-many.js';
export type { WebhookEndpointCreateParams } from './schemas/webhook-params.js';
export type { OtpSendParams, OtpVerifyParams } from './schemas/otp-params.js';
export type { OtpLocale } from './schemas/otp-templates.js';
export type { CallCreateParams } from './schemas/call-params.js';
export type { SenderCreateParams, SenderListParams } from './schemas/sender-params.js';
export type { TestInboundParams, TestTopUpParams } from './schemas/test-params.js';
export type { ValidationIssue, ValidationIssueCode, ValidationResult } from './schemas/validation.js';
