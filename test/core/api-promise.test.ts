import { describe, expect, it } from 'vitest';
import { APIPromise, responseInfo, type RawResponse } from '../../src/core/api-promise.js';

const headers = new Headers({ 'x-request-id': 'req_1' });
const resolved = <T>(data: T) => new APIPromise(Promise.resolve<RawResponse<T>>({ data, status: 200, headers }));

describe('APIPromise', () => {
  it('resolves to the data and gives the response through withResponse()', async () => {
    const promise = resolved({ id: 'msg_1' });
    expect(promise).toBeInstanceOf(Promise);
    expect(await promise).toEqual({ id: 'msg_1' });
    const { data, response } = await promise.withResponse();
    expect(data).toEqual({ id: 'msg_1' });
    // Spelled out rather than built with responseInfo(), which is what is under test here.
    expect(response).toEqual({
      status: 200,
      headers,
      requestId: 'req_1',
      rateLimit: { limit: undefined, remaining: undefined, reset: undefined },
      idempotentReplayed: false,
    });
    expect(response.headers).toBe(headers);
  });

  it('chains then, catch and finally as plain promises', async () => {
    const chained = resolved(2).then((n) => n * 21);
    expect(chained).not.toBeInstanceOf(APIPromise);
    expect(await chained).toBe(42);
    const failing = new APIPromise<number>(Promise.reject(new Error('boom')));
    expect(await failing.catch((e: unknown) => (e as Error).message)).toBe('boom');
    let ran = false;
    await expect(failing.finally(() => (ran = true))).rejects.toThrow('boom');
    expect(ran).toBe(true);
  });
});

describe('responseInfo', () => {
  it('reads rate-limit headers as numbers and the replay flag', () => {
    const headers = new Headers({
      'x-ratelimit-limit': '10',
      'x-ratelimit-remaining': 'x',
      'idempotent-replayed': 'true',
    });
    expect(responseInfo(201, headers)).toMatchObject({
      status: 201,
      requestId: undefined,
      rateLimit: { limit: 10, remaining: undefined, reset: undefined },
      idempotentReplayed: true,
    });
  });
});
