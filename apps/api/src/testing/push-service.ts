import { execFile } from 'node:child_process';
import {
  createECDH,
  createDecipheriv,
  createPublicKey,
  hkdfSync,
  randomBytes,
  randomUUID,
  verify,
} from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Agent, createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

/** One request a push service received, as sent. */
export interface ReceivedPush {
  /** The subscription's id (the endpoint's last path segment). */
  subscriptionId: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A browser's subscription at the local push service: what it sends the API, and its private keys. */
export interface TestSubscription {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
  /** Decrypts a payload sent to this subscription (RFC 8291 over RFC 8188 aes128gcm). */
  decrypt: (body: Buffer) => string;
}

/**
 * A push service of our own on 127.0.0.1 (HTTPS with a self-signed certificate, as web-push only
 * speaks HTTPS): it records what it receives and answers 201 Created, or the status set for a
 * subscription (`answer(id, 410)`: the subscription expired). `agent` trusts its certificate.
 */
export interface LocalPushService {
  url: string;
  agent: Agent;
  received: ReceivedPush[];
  subscribe: () => TestSubscription;
  answer: (subscriptionId: string, status: number) => void;
  close: () => Promise<void>;
}

export async function startLocalPushService(): Promise<LocalPushService> {
  const dir = await mkdtemp(path.join(tmpdir(), 'push-service-'));
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      path.join(dir, 'key.pem'),
      '-out',
      path.join(dir, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([
      readFile(path.join(dir, 'key.pem')),
      readFile(path.join(dir, 'cert.pem')),
    ]);
    const received: ReceivedPush[] = [];
    const answers = new Map<string, number>();
    const server: Server = createServer({ key, cert }, (request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const subscriptionId = (request.url ?? '').split('/').pop() ?? '';
        received.push({ subscriptionId, headers: request.headers, body: Buffer.concat(chunks) });
        response.writeHead(answers.get(subscriptionId) ?? 201).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const agent = new Agent({ ca: cert });
    return {
      url,
      agent,
      received,
      subscribe: () => newSubscription(`${url}/push/${randomUUID()}`),
      answer: (subscriptionId, status) => answers.set(subscriptionId, status),
      close: async () => {
        agent.destroy();
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A subscription as a browser makes one: its own P-256 key pair and a 16-byte auth secret. */
function newSubscription(endpoint: string): TestSubscription {
  const ecdh = createECDH('prime256v1');
  const publicKey = ecdh.generateKeys();
  const authSecret = randomBytes(16);
  return {
    id: endpoint.split('/').pop()!,
    endpoint,
    keys: { p256dh: publicKey.toString('base64url'), auth: authSecret.toString('base64url') },
    decrypt: (body) => decryptAes128gcm(body, ecdh, publicKey, authSecret),
  };
}

// RFC 8188 §2.1: salt (16) | record size (4) | key id length (1) | key id (the sender's public key).
function decryptAes128gcm(
  body: Buffer,
  receiver: ReturnType<typeof createECDH>,
  receiverPublicKey: Buffer,
  authSecret: Buffer,
): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const keyIdLength = body[20]!;
  const senderPublicKey = body.subarray(21, 21 + keyIdLength);
  const records = body.subarray(21 + keyIdLength);
  if (records.length > recordSize) throw new Error('more than one record: not what a short payload needs');
  // RFC 8291 §3.4: the input keying material from the ECDH secret and the auth secret.
  const sharedSecret = receiver.computeSecret(senderPublicKey);
  const keyInfo = Buffer.concat([Buffer.from('WebPush: info\0'), receiverPublicKey, senderPublicKey]);
  const ikm = Buffer.from(hkdfSync('sha256', sharedSecret, authSecret, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(records.subarray(records.length - 16));
  const padded = Buffer.concat([decipher.update(records.subarray(0, records.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('no last-record delimiter');
  return padded.subarray(0, end).toString('utf8');
}

/** The claims of a verified VAPID JWT. */
export interface VapidClaims {
  aud: string;
  exp: number;
  sub: string;
}

/**
 * Verifies a request's `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292): `k` is the
 * expected key, the JWT is ES256-signed by it, `aud` is the endpoint's origin, `exp` in the future
 * (and within 24 hours, as push services require). Throws on any mismatch; returns the claims.
 */
export function verifyVapid(push: ReceivedPush, endpoint: string, publicKey: string): VapidClaims {
  const match = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(String(push.headers.authorization));
  if (!match) throw new Error(`not a VAPID authorization: ${String(push.headers.authorization)}`);
  const [, token, key] = match as unknown as [string, string, string];
  if (key !== publicKey) throw new Error('k is not the server public key');
  const [header, payload, signature] = token.split('.') as [string, string, string];
  const raw = Buffer.from(publicKey, 'base64url');
  const jwk = {
    kty: 'EC',
    crv: 'P-256',
    x: raw.subarray(1, 33).toString('base64url'),
    y: raw.subarray(33, 65).toString('base64url'),
  };
  const valid = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    { key: createPublicKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!valid) throw new Error('the JWT signature does not verify against the public key');
  const { alg, typ } = JSON.parse(Buffer.from(header, 'base64url').toString()) as {
    alg: string;
    typ: string;
  };
  if (alg !== 'ES256' || typ !== 'JWT') throw new Error(`unexpected JWT header ${alg}/${typ}`);
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as VapidClaims;
  if (claims.aud !== new URL(endpoint).origin)
    throw new Error(`aud ${claims.aud} is not the endpoint's origin`);
  const now = Date.now() / 1000;
  if (!(claims.exp > now && claims.exp <= now + 24 * 3600)) throw new Error(`exp ${claims.exp} out of range`);
  return claims;
}
