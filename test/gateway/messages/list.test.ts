import { describe, expect, it } from 'vitest';
import { errorOf, makeGateway } from '../helpers.js';

type Page = { object: string; data: { id: string; [k: string]: any }[]; has_more: boolean; next_cursor: string | null };

async function page(get: (path: string) => Promise<Response>, query: string): Promise<Page> {
  const response = await get(`/v1/messages${query}`);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

describe('GET /v1/messages', () => {
  it('pages through 250 messages created in the same millisecond, newest first, each exactly once', async () => {
    const { send, get } = makeGateway({ rateLimit: { limit: 1_000 } });
    const created: string[] = [];
    for (let i = 0; i < 250; i++) created.push((await send({ body: `message ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const result: Page = await page(get, `?limit=100${cursor ? `&starting_after=${cursor}` : ''}`);
      expect(result.object).toBe('list');
      seen.push(...result.data.map((message) => message.id));
      expect(result.has_more).toBe(result.next_cursor !== null);
      cursor = result.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual([...created].reverse());
    expect(new Set(seen).size).toBe(250);
  });

  it('defaults to 20 per page and rejects a limit outside 1–100', async () => {
    const { send, get } = makeGateway();
    for (let i = 0; i < 21; i++) await send({});
    const first = await page(get, '');
    expect(first.data).toHaveLength(20);
    expect(first.has_more).toBe(true);
    expect(first.next_cursor).toBe(first.data[19]!.id);
    for (const limit of ['0', '101', 'ten', '1.5']) {
      expect(await errorOf(await get(`/v1/messages?limit=${limit}`))).toMatchObject({
        status: 400,
        code: 'invalid_parameter',
        param: 'limit',
      });
    }
  });

  it('answers 400 for an unknown cursor or an unknown filter', async () => {
    const { get } = makeGateway();
    expect(await errorOf(await get('/v1/messages?starting_after=msg_nope'))).toMatchObject({
      status: 400,
      param: 'starting_after',
    });
    expect(await errorOf(await get('/v1/messages?colour=red'))).toMatchObject({
      status: 400,
      code: 'invalid_parameter',
    });
  });

  it('filters by status, sender, route, to, direction and creation time', async () => {
    const { send, get, clock } = makeGateway();
    const early = await send({ to: '+15005550001', route: 'local_reseller' });
    await clock.advance(60_000);
    const middle = await send({ to: '+15005550000', sender: '+14155550100' });
    await clock.advance(60_000);
    const late = await send({ to: '+15005550000' });
    await clock.advance(2_000);
    const ids = async (query: string) => (await page(get, query)).data.map((message) => message.id);
    expect(await ids('?status=failed')).toEqual([early.id]);
    expect(await ids('?status=delivered')).toEqual([late.id, middle.id]);
    expect(await ids('?sender=%2B14155550100')).toEqual([middle.id]);
    expect(await ids('?route=local_reseller')).toEqual([early.id]);
    expect(await ids('?to=%2B1%20500%20555%200000')).toEqual([late.id, middle.id]);
    expect(await ids('?direction=inbound')).toEqual([]);
    expect(await ids(`?created_after=${encodeURIComponent(middle.created_at)}`)).toEqual([late.id, middle.id]);
    expect(await ids(`?created_before=${encodeURIComponent(middle.created_at)}`)).toEqual([early.id]);
    expect(await ids('?status=delivered&limit=1')).toEqual([late.id]);
  });

  it('keeps has_more false on an exactly full last page', async () => {
    const { send, get } = makeGateway();
    for (let i = 0; i < 4; i++) await send({});
    const first = await page(get, '?limit=2');
    const second = await page(get, `?limit=2&starting_after=${first.next_cursor}`);
    expect([first.has_more, second.has_more, second.next_cursor]).toEqual([true, false, null]);
  });
});
