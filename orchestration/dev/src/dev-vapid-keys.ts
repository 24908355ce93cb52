import { localDataDir } from '@autodoctor/db/embedded';
import { createECDH } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The Web Push settings of the local product: VAPID keys made once, then kept with the local data. */
export interface DevVapidSettings {
  VAPID_PUBLIC_KEY: string;
  VAPID_PRIVATE_KEY: string;
  VAPID_SUBJECT: string;
}

/**
 * The local VAPID key pair (`<data dir>/vapid-dev-keys.json`): generated on the first run and kept,
 * so browsers' subscriptions stay valid across restarts (a new key would orphan every one). Local
 * use only: production sets its own keys (apps/api/README.md, "Web Push").
 */
export async function devVapidSettings(): Promise<DevVapidSettings> {
  const file = path.join(localDataDir(), 'vapid-dev-keys.json');
  try {
    return JSON.parse(await readFile(file, 'utf8')) as DevVapidSettings;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A P-256 key pair as VAPID wants it: the uncompressed public point and the private scalar, base64url.
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const privateKey = ecdh.getPrivateKey();
  const settings: DevVapidSettings = {
    VAPID_PUBLIC_KEY: publicKey.toString('base64url'),
    // 32 bytes always (a scalar with leading zero bytes comes back shorter).
    VAPID_PRIVATE_KEY: Buffer.concat([Buffer.alloc(32 - privateKey.length), privateKey]).toString(
      'base64url',
    ),
    VAPID_SUBJECT: 'mailto:dev@autodoctor.local',
  };
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, JSON.stringify(settings, null, 2), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    // Another command made it first: use theirs.
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return devVapidSettings();
    throw error;
  }
  return settings;
}
