import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const valid = {
  DATABASE_URL: 'postgres://u:p@localhost:5432/autodoctor',
  BETTER_AUTH_SECRET: 'x'.repeat(32),
  STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
};

describe('loadConfig', () => {
  it('fills in defaults', () => {
    expect(loadConfig(valid)).toMatchObject({
      HOST: '127.0.0.1',
      PORT: 3000,
      SCHEDULER: 'on',
      SCHEDULER_TICK_MS: 15_000,
      MECHANICS_ONLINE_RECHECK_MS: 15_000,
      EXPIRY_PERIOD_MS: 3_600_000,
      APP_ORIGINS: ['http://localhost:5173', 'http://localhost:5174', 'http://localhost:5175'],
      DATABASE_POOL_MAX: 8,
    });
  });

  it('takes a pool size of at least one connection', () => {
    expect(loadConfig({ ...valid, DATABASE_POOL_MAX: '3' })).toMatchObject({ DATABASE_POOL_MAX: 3 });
    for (const bad of ['0', '-1', '2.5', 'many']) {
      expect(() => loadConfig({ ...valid, DATABASE_POOL_MAX: bad })).toThrow(/DATABASE_POOL_MAX/);
    }
  });

  it('names every problem in one line', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', BETTER_AUTH_SECRET: 'short' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    for (const name of ['DATABASE_URL', 'PORT', 'BETTER_AUTH_SECRET']) {
      expect(message).toContain(name);
    }
  });

  it('wants both Stripe keys or neither', () => {
    expect(() => loadConfig({ ...valid, STRIPE_SECRET_KEY: 'sk_live_abc' })).toThrow(
      /STRIPE_SECRET_KEY.*neither/,
    );
    expect(
      loadConfig({ ...valid, STRIPE_SECRET_KEY: 'sk_test_abc', STRIPE_WEBHOOK_SECRET: 'whsec_abc' }),
    ).toMatchObject({ STRIPE_SECRET_KEY: 'sk_test_abc' });
  });

  it('turns Web Push on with all three VAPID settings, off with none, and refuses a part or a bad key', () => {
    const vapid = {
      VAPID_PUBLIC_KEY: `B${'A'.repeat(86)}`,
      VAPID_PRIVATE_KEY: 'A'.repeat(43),
      VAPID_SUBJECT: 'mailto:ops@autodoctor.example',
    };
    const off = loadConfig(valid);
    expect([off.VAPID_PUBLIC_KEY, off.VAPID_PRIVATE_KEY, off.VAPID_SUBJECT, off.PUSH_PERIOD_MS]).toEqual([
      undefined,
      undefined,
      undefined,
      5_000,
    ]);
    expect(loadConfig({ ...valid, ...vapid })).toMatchObject(vapid);
    expect(() => loadConfig({ ...valid, VAPID_PUBLIC_KEY: vapid.VAPID_PUBLIC_KEY })).toThrow(
      /VAPID_PUBLIC_KEY set VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY and VAPID_SUBJECT together, or none/,
    );
    expect(() => loadConfig({ ...valid, ...vapid, VAPID_PRIVATE_KEY: 'short' })).toThrow(/VAPID_PRIVATE_KEY/);
    expect(() => loadConfig({ ...valid, ...vapid, VAPID_SUBJECT: 'http://autodoctor.example' })).toThrow(
      /VAPID_SUBJECT must be a mailto: address or an https:\/\/ URL/,
    );
    expect(
      loadConfig({ ...valid, PUSH_SERVICE_HOSTS: ' 127.0.0.1 , Push.Example ' }).PUSH_SERVICE_HOSTS,
    ).toEqual(['127.0.0.1', 'push.example']);
  });

  it('refuses a database URL that is not PostgreSQL', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: 'mysql://localhost/db' })).toThrow(/DATABASE_URL/);
  });

  it('keeps photos in PostgreSQL unless PHOTO_STORAGE=s3 names a bucket', () => {
    expect(loadConfig(valid)).toMatchObject({ PHOTO_STORAGE: 'postgres' });
    expect(() => loadConfig({ ...valid, PHOTO_STORAGE: 's3' })).toThrow(
      /^Invalid configuration: S3_BUCKET is required with PHOTO_STORAGE=s3$/,
    );
    expect(() => loadConfig({ ...valid, PHOTO_STORAGE: 'minio' })).toThrow(/PHOTO_STORAGE/);
    const config = loadConfig({ ...valid, PHOTO_STORAGE: 's3', S3_BUCKET: 'autodoctor-photos' });
    expect(config).toMatchObject({
      PHOTO_STORAGE: 's3',
      S3_BUCKET: 'autodoctor-photos',
      S3_REGION: 'us-east-1',
      S3_FORCE_PATH_STYLE: 'off',
    });
    // No endpoint: AWS S3 itself; no keys: the AWS SDK's own credentials.
    expect([config.S3_ENDPOINT, config.S3_ACCESS_KEY_ID, config.S3_SECRET_ACCESS_KEY]).toEqual([
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('checks the S3 settings, each problem in one line', () => {
    const s3 = { ...valid, PHOTO_STORAGE: 's3', S3_BUCKET: 'photos' };
    expect(() => loadConfig({ ...s3, S3_BUCKET: 'My_Photos' })).toThrow(
      /^Invalid configuration: S3_BUCKET must be a bucket name/,
    );
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'minio:9000' })).toThrow(
      /S3_ENDPOINT must be an http\(s\):\/\/ URL/,
    );
    expect(() => loadConfig({ ...s3, S3_FORCE_PATH_STYLE: 'true' })).toThrow(/S3_FORCE_PATH_STYLE/);
    expect(() => loadConfig({ ...s3, S3_REGION: 'US East' })).toThrow(/S3_REGION must be a region name/);
    expect(() => loadConfig({ ...s3, S3_ACCESS_KEY_ID: 'AKIAEXAMPLE' })).toThrow(
      /S3_ACCESS_KEY_ID set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither/,
    );
    expect(
      loadConfig({
        ...s3,
        S3_ENDPOINT: 'http://127.0.0.1:9000',
        S3_REGION: 'auto',
        S3_FORCE_PATH_STYLE: 'on',
        S3_ACCESS_KEY_ID: 'minioadmin',
        S3_SECRET_ACCESS_KEY: 'minioadmin',
      }),
    ).toMatchObject({ S3_ENDPOINT: 'http://127.0.0.1:9000', S3_REGION: 'auto', S3_FORCE_PATH_STYLE: 'on' });
  });
});

describe('main.ts', () => {
  it('stops at once with one line naming a missing setting', () => {
    const result = spawnSync(
      process.execPath,
      [
        '--conditions=@autodoctor/source',
        '--import',
        'tsx',
        fileURLToPath(new URL('main.ts', import.meta.url)),
      ],
      {
        env: {
          PATH: process.env.PATH,
          BETTER_AUTH_SECRET: 'x'.repeat(32),
          STRIPE_EMULATOR_URL: 'http://127.0.0.1:1',
        },
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^Invalid configuration: DATABASE_URL /),
    ]);
  });
});
