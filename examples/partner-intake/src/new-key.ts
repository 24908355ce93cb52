// Makes a new partner API key and prints it with its PARTNER_KEYS entry: give the key to the
// partner, keep only the entry (the hash) in the service's settings.
import { randomBytes } from 'node:crypto';
import { hashKey } from './config.ts';

const partnerId = process.argv[2];
if (!partnerId || !/^[a-z0-9][a-z0-9-]{0,39}$/.test(partnerId)) {
  console.error('usage: npm run new-key -- <partner-id>   (a-z, 0-9, -)');
  process.exit(1);
}
const key = `pik_${randomBytes(32).toString('base64url')}`;
console.log(`API key for ${partnerId} (give it to them; it is not stored): ${key}`);
console.log(`PARTNER_KEYS entry: ${partnerId}=${hashKey(key)}`);
