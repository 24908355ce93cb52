import { loadConfig } from '@autodoctor/api';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { devVapidSettings } from './dev-vapid-keys.ts';

describe('the local VAPID keys', () => {
  let dir: string;
  const previous = process.env.AUTODOCTOR_DATA_DIR;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'vapid-dev-'));
    process.env.AUTODOCTOR_DATA_DIR = dir;
  });
  afterEach(async () => {
    if (previous === undefined) delete process.env.AUTODOCTOR_DATA_DIR;
    else process.env.AUTODOCTOR_DATA_DIR = previous;
    await rm(dir, { recursive: true, force: true });
  });

  it('are made once, kept with the local data (readable by the owner only), and valid API settings', async () => {
    const [first, concurrent] = await Promise.all([devVapidSettings(), devVapidSettings()]);
    expect(concurrent).toEqual(first);
    expect(await devVapidSettings()).toEqual(first);
    const file = await stat(path.join(dir, 'vapid-dev-keys.json'));
    expect(file.mode & 0o777).toBe(0o600);
    const config = loadConfig({
      DATABASE_URL: 'postgres://localhost/autodoctor',
      BETTER_AUTH_SECRET: 'x'.repeat(32),
      STRIPE_EMULATOR_URL: 'http://127.0.0.1:12111',
      ...first,
    });
    expect(config.VAPID_PUBLIC_KEY).toBe(first.VAPID_PUBLIC_KEY);
  });
});
