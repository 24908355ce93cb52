import { describe, expect, it } from 'vitest';
import { parseCliArgs } from './cli-args.ts';

describe('parseCliArgs', () => {
  it('reads the documented flags', () => {
    expect(
      parseCliArgs([
        '--port',
        '12111',
        '--webhook',
        'http://127.0.0.1:3000/webhooks/stripe',
        '--secret',
        'whsec_abc',
        '--attempts',
        '3',
        '--base-delay-ms',
        '100',
      ]),
    ).toEqual({
      help: false,
      port: 12111,
      host: '127.0.0.1',
      webhooks: [{ url: 'http://127.0.0.1:3000/webhooks/stripe', secret: 'whsec_abc' }],
      retry: { attempts: 3, baseDelayMs: 100 },
      generatedSecret: false,
    });
  });

  it('makes a secret when none is given, and pairs several secrets with their webhooks', () => {
    expect(parseCliArgs(['--webhook', 'http://a/'], () => 'whsec_made')).toMatchObject({
      webhooks: [{ url: 'http://a/', secret: 'whsec_made' }],
      generatedSecret: true,
    });
    expect(
      parseCliArgs([
        '--webhook',
        'http://a/',
        '--webhook',
        'http://b/',
        '--secret',
        'whsec_a',
        '--secret',
        'whsec_b',
      ]).webhooks,
    ).toEqual([
      { url: 'http://a/', secret: 'whsec_a' },
      { url: 'http://b/', secret: 'whsec_b' },
    ]);
  });

  it('refuses nonsense', () => {
    expect(() => parseCliArgs(['--port', 'abc'])).toThrow(/--port/);
    expect(() => parseCliArgs(['--bogus'])).toThrow();
    expect(() =>
      parseCliArgs([
        '--webhook',
        'http://a/',
        '--secret',
        'whsec_a',
        '--secret',
        'whsec_b',
        '--secret',
        'whsec_c',
      ]),
    ).toThrow(/one per --webhook/);
  });
});
