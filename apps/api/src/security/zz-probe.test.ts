import { it } from 'vitest';
import { useTestApi } from '../testing/test-api.ts';

const t = useTestApi();

it('probe raw', async () => {
  const a = await t.customer('Alice');
  const u = (p: string) => `${t.api.url}/trpc/${p}`;
  const j = { 'content-type': 'application/json', cookie: a.cookie };
  const reqs: [string, string, RequestInit][] = [
    ['bad json', u('intake.startSession'), { method: 'POST', headers: j, body: '{not json' }],
    ['empty', u('intake.startSession'), { method: 'POST', headers: j, body: '' }],
    ['null', u('intake.startSession'), { method: 'POST', headers: j, body: 'null' }],
    [
      'text/plain',
      u('intake.startSession'),
      { method: 'POST', headers: { 'content-type': 'text/plain', cookie: a.cookie }, body: '{"json":{}}' },
    ],
    [
      'no ct',
      u('intake.startSession'),
      { method: 'POST', headers: { cookie: a.cookie }, body: '{"json":{}}' },
    ],
    [
      'form',
      u('intake.startSession'),
      {
        method: 'POST',
        headers: { cookie: a.cookie },
        body: (() => {
          const f = new FormData();
          f.set('type', 'free');
          return f;
        })(),
      },
    ],
    [
      'octet',
      u('intake.startSession'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', cookie: a.cookie },
        body: 'xxxx',
      },
    ],
    [
      'GET mutation',
      u('intake.startSession') + '?input=' + encodeURIComponent('{"json":{}}'),
      { method: 'GET', headers: { cookie: a.cookie } },
    ],
    ['POST query', u('customer.session'), { method: 'POST', headers: j, body: '{"json":{}}' }],
    ['POST sub', u('session.feed'), { method: 'POST', headers: j, body: '{"json":{}}' }],
    ['PUT', u('intake.startSession'), { method: 'PUT', headers: j, body: '{"json":{}}' }],
    ['DELETE', u('intake.startSession'), { method: 'DELETE', headers: { cookie: a.cookie } }],
    ['unknown', u('nope'), { method: 'POST', headers: j, body: '{"json":{}}' }],
    ['__proto__', u('__proto__'), { method: 'GET', headers: { cookie: a.cookie } }],
    ['bad enc', u('%E0%A4%A'), { method: 'GET', headers: { cookie: a.cookie } }],
    ['empty path', `${t.api.url}/trpc/`, { method: 'GET', headers: { cookie: a.cookie } }],
    [
      'batch str',
      u('intake.startSession,customer.cancelSession') + '?batch=1',
      { method: 'POST', headers: j, body: '"x"' },
    ],
    [
      'batch mixed types',
      u('customer.session,intake.startSession') + '?batch=1',
      { method: 'POST', headers: j, body: '{}' },
    ],
    [
      'batch unknown+known',
      u('nope,intake.startSession') + '?batch=1',
      { method: 'POST', headers: j, body: '{"0":{"json":1},"1":{"json":1}}' },
    ],
    [
      'batch sub',
      u('session.feed') + '?batch=1&input=' + encodeURIComponent('{"0":{"json":{}}}'),
      { method: 'GET', headers: { cookie: a.cookie } },
    ],
    [
      'GET bad input',
      u('customer.session') + '?input=%7Bbad',
      { method: 'GET', headers: { cookie: a.cookie } },
    ],
    [
      'GET sub bad',
      u('session.feed') + '?input=' + encodeURIComponent('{"json":{"sessionId":"x"}}'),
      { method: 'GET', headers: { cookie: a.cookie } },
    ],
    [
      'custom meta',
      u('customer.cancelSession'),
      {
        method: 'POST',
        headers: j,
        body: '{"json":{"sessionId":"zz"},"meta":{"values":{"sessionId":["custom","x"]}}}',
      },
    ],
    [
      'anon',
      u('customer.cancelSession'),
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"json":{"sessionId":"zz"}}',
      },
    ],
    ['HEAD', u('customer.session'), { method: 'HEAD', headers: { cookie: a.cookie } }],
  ];
  for (const [name, url, init] of reqs) {
    const r = await fetch(url, init);
    const text = await r.text();
    console.log(name, r.status, r.headers.get('content-type'), text.slice(0, 300));
  }
});
