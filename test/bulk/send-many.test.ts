// messages.sendMany in-process: options, the results stream and its backpressure, and 402 resumes.
import { describe, expect, it } from 'vitest';
import OneMessage, {
  InsufficientCreditsError,
  OneMessageError,
  ValidationError,
  type BatchEntry,
} from '../../src/index.js';
import { createGateway } from '../../src/gateway/index.js';

function setup(balance = '1000') {
  const gateway = createGateway({ balance });
  const keys: string[] = [];
  const client = new OneMessage({
    apiKey: gateway.apiKey,
    baseURL: 'http://gateway.local/v1',
    fetch: async (url, init) => {
      keys.push(String((init.headers as Record<string, string>)['idempotency-key']));
      return gateway.fetch(url, init);
    },
  });
  return { gateway, client, keys };
}

const entries = (n: number): BatchEntry[] =>
  Array.from({ length: n }, (_, i) => ({ to: '+447911123456', body: `#${i}` }));

describe('messages.sendMany', () => {
  it('keys chunk n as idk_<jobId>.<n> and reports progress with the total', async () => {
    const { client, keys } = setup();
    const progress: unknown[] = [];
    const summary = await client.messages.sendMany(entries(25), {
      jobId: 'job-1',
      chunkSize: 10,
      concurrency: 1,
      onProgress: (p) => progress.push(p),
    });
    expect(keys).toEqual(['idk_job-1.0', 'idk_job-1.1', 'idk_job-1.2']);
    expect(summary).toMatchObject({
      requested: 25,
      accepted: 25,
      rejected: 0,
      chunks: 3,
    });
    expect(progress.at(-1)).toEqual({
      sent: 25,
      failed: 0,
      total: 25,
      chunks: 3,
    });
  });

  it('refuses bad options with a ValidationError when awaited, never synchronously', async () => {
    const { client } = setup();
    const job = client.messages.sendMany(entries(1), {
      jobId: 'has space',
      chunkSize: 20_000,
    });
    const error = await job.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.param)).toEqual(['options.jobId', 'options.chunkSize']);
  });

  it('streams every result and holds back new chunks while concurrency × chunkSize results wait', async () => {
    const { client, keys } = setup();
    const job = client.messages.sendMany(entries(100), {
      jobId: 'stream',
      chunkSize: 10,
      concurrency: 2,
    });
    const seen: number[] = [];
    for await (const result of job) {
      // Wait until the producer has filled the buffer: it must stop short of sending everything.
      if (seen.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      if (seen.length === 0) expect(keys.length).toBeLessThanOrEqual(4);
      seen.push(result.index);
    }
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(await job).toMatchObject({ accepted: 100 });
  });

  it('refuses to iterate a job already awaited on its own', async () => {
    const { client } = setup();
    const job = client.messages.sendMany(entries(3), { jobId: 'late' });
    await job;
    await expect(job.results().next()).rejects.toBeInstanceOf(OneMessageError);
  });

  it('after a 402, a re-run with the same jobId sends the refused chunk once the balance is topped up', async () => {
    const { client, gateway, keys } = setup('0.0500'); // one 0.0350 message, not two
    const first = await client.messages.sendMany(entries(2), {
      jobId: 'topup',
      chunkSize: 2,
    });
    expect(first.failedChunks[0]?.error).toBeInstanceOf(InsufficientCreditsError);
    await gateway.fetch('/v1/test/top_ups', {
      method: 'POST',
      headers: {
        authorization: `Bearer ${gateway.apiKey}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ amount: '1.00' }),
    });
    const second = await client.messages.sendMany(entries(2), {
      jobId: 'topup',
      chunkSize: 2,
    });
    expect(second).toMatchObject({ accepted: 2, failedChunks: [] });
    expect(keys).toEqual(['idk_topup.0', 'idk_topup.0', 'idk_topup.0.1']);
    const third = await client.messages.sendMany(entries(2), {
      jobId: 'topup',
      chunkSize: 2,
    });
    expect(third).toMatchObject({ accepted: 2, replayed: 1 });
  });
});
