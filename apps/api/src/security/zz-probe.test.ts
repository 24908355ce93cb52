import { TRPCClientError } from '@trpc/client';
import { it } from 'vitest';
import { FeedRecorder } from '../testing/feed-recorder.ts';
import { intake } from '../testing/fixtures.ts';
import { useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

const show = (e: unknown) =>
  e instanceof TRPCClientError ? JSON.stringify({ m: e.message, d: e.data }) : String(e);

it('probe', async () => {
  const a = await t.customer('Alice');
  const x = await t.mechanic('Xavier');
  const r = await a.client.intake.startSession.mutate(intake());
  const sid = r.kind === 'session' ? r.session.id : '';
  // subscription: customer on queueFeed
  const f1 = new FeedRecorder(a.client.mechanic.queueFeed, undefined);
  console.log('queueFeed by customer', show(await f1.failure()));
  const f2 = new FeedRecorder(t.anonymous.session.feed, { sessionId: sid });
  console.log('anon feed', show(await f2.failure()));
  const f3 = new FeedRecorder(x.client.session.feed, { sessionId: sid });
  console.log('x feed', show(await f3.failure()));
  const f4 = new FeedRecorder(x.client.session.feed, { sessionId: 'nope' });
  console.log('bad input feed', show(await f4.failure()));
  const tries: [string, unknown][] = [
    ['far future', intake({ scheduledFor: '+275760-09-13T00:00:00.000Z' })],
    ['year 10000', intake({ scheduledFor: new Date('+010000-01-01T00:00:00.000Z') })],
    ['NUL concern', intake({ concern: 'abc\u0000defghijklmn' })],
    ['NUL make', intake({ vehicle: { year: 2017, make: 'Ho\u0000nda', model: 'Civic' } })],
  ];
  const b = await t.customer('Bob');
  for (const [name, input] of tries) {
    const res = await b.client.intake.startSession
      .mutate(input as never)
      .then((v) => 'OK ' + JSON.stringify(v), show);
    console.log(name, res);
    if (res.startsWith('OK')) {
      const act = await b.client.customer.activeSession.query();
      if (act) await b.client.customer.cancelSession.mutate({ sessionId: act.id });
    }
  }
  const cursors = [
    ['-271821-04-20T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
    ['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
    ['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
  ];
  for (const c of cursors) {
    const cursor = Buffer.from(JSON.stringify(c)).toString('base64url');
    console.log(
      'cursor',
      c[0],
      await a.client.customer.history
        .query({ limit: 5, cursor })
        .then((v) => 'OK ' + JSON.stringify(v), show),
    );
  }
});
