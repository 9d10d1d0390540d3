// Wire objects and request-param validators: one source for the SDK's types, its client-side
// validation and the gateway's. Runtime-neutral (no Node APIs); libphonenumber-js loads lazily.
export * from './common.js';
export * from './message.js';
export * from './otp.js';
export * from './call.js';
export * from './sender.js';
export * from './balance.js';
export * from './webhook.js';
export * from './list.js';
export * from './error.js';
export * from './validation.js';
export * from './phone.js';
export * from './list-params.js';
export * from './message-params.js';
export * from './webhook-params.js';
export * from './otp-params.js';
export * from './otp-templates.js';
export * from './call-params.js';
export * from './sender-params.js';
export * from './test-params.js';
export * from './batch-params.js';
