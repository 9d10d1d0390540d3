// Phone verification in an Express app: POST /verify/start sends a code by SMS, POST /verify/check
// checks what the user typed. Only the otp_… id is kept server-side; the code never is.
//
//   ONEMESSAGE_API_KEY=ark_test_… [ONEMESSAGE_BASE_URL=http://127.0.0.1:4010/v1] PORT=3000 npx tsx examples/otp-express.ts
//   curl -X POST localhost:3000/verify/start -H 'content-type: application/json' -d '{"phone":"+393471234567"}'
//   curl -X POST localhost:3000/verify/check -H 'content-type: application/json' -d '{"phone":"+393471234567","code":"123456"}'
import express, { type Express } from 'express';
import { pathToFileURL } from 'node:url';
import OneMessage, { APIError, ValidationError } from '@onemessage/sdk';

/** An Express app with the two routes of a phone-verification flow. */
export function createApp(client: OneMessage): Express {
  const app = express();
  app.use(express.json());
  // In production keep this in the user's session or your database, with the user id.
  const pending = new Map<string, string>();
  const keyOf = (phone: unknown) => String(phone ?? '').replace(/[\s().-]/g, '');

  app.post('/verify/start', async (req, res) => {
    try {
      // The SMS is in the number's language (Italian for +39, …); cache_seconds makes a double
      // click resend the same code instead of sending a second one.
      const otp = await client.otp.send({
        to: String(req.body?.phone ?? ''),
        expires_in: 300,
        cache_seconds: 60,
      });
      pending.set(keyOf(req.body?.phone), otp.id);
      res.status(202).json({ to: otp.to, expires_at: otp.expires_at });
    } catch (error) {
      if (error instanceof ValidationError) res.status(400).json({ error: error.issues[0]?.message });
      else if (error instanceof APIError) res.status(502).json({ error: error.code });
      else throw error;
    }
  });

  app.post('/verify/check', async (req, res) => {
    const id = pending.get(keyOf(req.body?.phone));
    if (!id) return void res.status(404).json({ error: 'start verification first' });
    try {
      const result = await client.otp.verify({
        id,
        code: String(req.body?.code ?? ''),
      });
      if (result.valid) pending.delete(keyOf(req.body?.phone));
      // A wrong code is a normal answer: tell the user how many tries are left, or to start over.
      const { valid, status, attempts_remaining } = result;
      res.status(valid ? 200 : 401).json({ verified: valid, status, attempts_remaining });
    } catch (error) {
      if (error instanceof ValidationError) res.status(400).json({ error: error.issues[0]?.message });
      else throw error;
    }
  });
  return app;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const port = Number(process.env.PORT ?? 3000);
  createApp(new OneMessage()).listen(port, () => console.log(`listening on :${port}`));
}
