/**
 * `GET /v1/messages` paging: newest first (creation order, so equal timestamps keep a stable
 * order), filters, and an opaque-enough cursor (the last message id of the page).
 * @module
 */

import type { MessageListParams } from '../../schemas/message-params.js';
import type { Account, MessageRecord } from '../store.js';
import type { GatewayMessage } from '../types.js';

/** Page size when `limit` is not given. */
export const DEFAULT_PAGE_SIZE = 20;

/** A list envelope as the API returns it. */
export interface MessageListEnvelope {
  object: 'list';
  data: GatewayMessage[];
  has_more: boolean;
  next_cursor: string | null;
}

/** One page of an account's messages, or why the cursor is unusable. */
export function listMessages(
  account: Account,
  params: MessageListParams,
): { ok: true; list: MessageListEnvelope } | { ok: false; message: string; param: string } {
  const limit = params.limit ?? DEFAULT_PAGE_SIZE;
  let start = account.messageOrder.length - 1;
  if (params.starting_after !== undefined) {
    const cursor = account.messages.get(params.starting_after);
    if (!cursor) {
      return { ok: false, message: `starting_after must be the id of a message of this account; got an unknown id.`, param: 'starting_after' };
    }
    start = cursor.sequence - 2;
  }
  const matches = filterFor(params);
  const data: GatewayMessage[] = [];
  let hasMore = false;
  for (let index = start; index >= 0; index--) {
    const record = account.messages.get(account.messageOrder[index]!)!;
    if (!matches(record)) continue;
    if (data.length === limit) {
      hasMore = true;
      break;
    }
    data.push(record.message);
  }
  return {
    ok: true,
    list: { object: 'list', data, has_more: hasMore, next_cursor: hasMore ? data[data.length - 1]!.id : null },
  };
}

function filterFor(params: MessageListParams): (record: MessageRecord) => boolean {
  const after = params.created_after === undefined ? undefined : Date.parse(params.created_after);
  const before = params.created_before === undefined ? undefined : Date.parse(params.created_before);
  return ({ message }) =>
    (params.status === undefined || message.status === params.status) &&
    (params.sender === undefined || message.sender === params.sender) &&
    (params.route === undefined || message.route === params.route) &&
    (params.to === undefined || message.to === params.to) &&
    (params.direction === undefined || message.direction === params.direction) &&
    (after === undefined || Date.parse(message.created_at) >= after) &&
    (before === undefined || Date.parse(message.created_at) < before);
}
