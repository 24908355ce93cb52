import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { authenticate } from '../src/auth.ts';
import { ConfigError, hashKey, loadConfig, parsePartnerKeys } from '../src/config.ts';
import { RateLimiter } from '../src/rate-limit.ts';

describe('settings', () => {
  it('reads partners and their key hashes from PARTNER_KEYS', () => {
    const partners = parsePartnerKeys(` acme=${hashKey('a')}, globex=${hashKey('b')} `);
    assert.deepEqual(
      partners.map(({ id, keyHash }) => [id, keyHash.toString('hex')]),
      [
        ['acme', hashKey('a')],
        ['globex', hashKey('b')],
      ],
    );
  });

  it('refuses a missing, malformed or repeated entry, saying which', () => {
    for (const [value, message] of [
      [undefined, /PARTNER_KEYS is empty/],
      ['acme', /acme's key hash/],
      [`Acme=${hashKey('a')}`, /"Acme" is not a partner id/],
      ['acme=abc', /acme's key hash is not 64 hex digits/],
      [`acme=${hashKey('a')},acme=${hashKey('b')}`, /names a partner twice/],
    ] as const) {
      assert.throws(
        () => parsePartnerKeys(value),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError);
          assert.match(error.message, message);
          return true;
        },
      );
    }
    assert.throws(() => loadConfig({ PARTNER_KEYS: `acme=${hashKey('a')}` }), /DATABASE_URL is not set/);
    assert.throws(
      () =>
        loadConfig({ DATABASE_URL: 'postgres://x/y', PARTNER_KEYS: `acme=${hashKey('a')}`, PORT: 'http' }),
      /PORT must be a whole number/,
    );
  });

  it('defaults to loopback, port 8787, 60 requests a minute and 20 open feeds', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://x/y', PARTNER_KEYS: `acme=${hashKey('a')}` });
    assert.deepEqual(
      [config.host, config.port, config.requestsPerMinute, config.maxOpenFeedsPerPartner],
      ['127.0.0.1', 8787, 60, 20],
    );
  });
});

describe('authenticate', () => {
  const partners = parsePartnerKeys(`acme=${hashKey('key-a')},globex=${hashKey('key-b')}`);

  it('finds the partner whose key the Bearer header carries, and nobody for anything else', () => {
    assert.equal(authenticate('Bearer key-a', partners)?.id, 'acme');
    assert.equal(authenticate('Bearer key-b', partners)?.id, 'globex');
    assert.equal(authenticate('bearer key-a', partners)?.id, 'acme');
    for (const header of [
      undefined,
      '',
      'key-a',
      'Basic key-a',
      'Bearer key-c',
      'Bearer  key-a',
      'Bearer key-a ',
    ]) {
      assert.equal(authenticate(header, partners), undefined, String(header));
    }
  });
});

describe('RateLimiter', () => {
  it('allows the limit per key per window, then says how long to wait', () => {
    const limiter = new RateLimiter(2, 60_000);
    assert.equal(limiter.take('a', 0), undefined);
    assert.equal(limiter.take('a', 1_000), undefined);
    assert.equal(limiter.take('a', 15_000), 45);
    assert.equal(limiter.take('b', 15_000), undefined);
    assert.equal(limiter.take('a', 60_000), undefined);
  });
});
