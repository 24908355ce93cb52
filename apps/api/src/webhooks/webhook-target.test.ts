import { describe, expect, it } from 'vitest';
import { WebhookUrlRefusedError, type WebhookUrlProblem } from '@autodoctor/session-core';
import { isDeliverableAddress, resolveWebhookTarget } from './webhook-target.ts';

const STRICT = { allowLoopback: false };
const DEV = { allowLoopback: true };

async function problemOf(url: string, policy = STRICT): Promise<WebhookUrlProblem | undefined> {
  try {
    await resolveWebhookTarget(url, policy);
  } catch (error) {
    if (error instanceof WebhookUrlRefusedError) return error.problem;
    throw error;
  }
  return undefined;
}

describe('isDeliverableAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.7', 'private'],
    ['172.16.5.4', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local: the cloud metadata service'],
    ['fd00:ec2::254', 'unique-local: the AWS metadata service over IPv6'],
    ['100.100.100.200', 'carrier-grade NAT: a metadata service'],
    ['192.0.0.192', 'IETF protocol assignments: a metadata service'],
    ['fe80::1', 'link-local IPv6'],
    ['fc00::1', 'unique-local IPv6'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified IPv6'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::ffff:10.0.0.1', 'a private IPv4 written as IPv6'],
    ['::ffff:127.0.0.1', 'loopback written as IPv6'],
    ['64:ff9b::a00:1', 'NAT64 of a private address'],
    ['2002:a00:1::', '6to4 of a private address'],
    ['not an address', 'not an address'],
  ])('refuses %s (%s)', (address) => {
    expect(isDeliverableAddress(address, STRICT)).toBe(false);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])(
    'accepts the public address %s',
    (address) => {
      expect(isDeliverableAddress(address, STRICT)).toBe(true);
    },
  );

  it('accepts loopback only when allowed, and never a private or metadata address', () => {
    expect(isDeliverableAddress('127.0.0.1', DEV)).toBe(true);
    expect(isDeliverableAddress('::1', DEV)).toBe(true);
    expect(isDeliverableAddress('10.0.0.7', DEV)).toBe(false);
    expect(isDeliverableAddress('169.254.169.254', DEV)).toBe(false);
  });
});

describe('resolveWebhookTarget', () => {
  it('accepts an https URL at a public address, and keeps the address it checked', async () => {
    const target = await resolveWebhookTarget('https://93.184.215.14/hooks?x=1', STRICT);
    expect(target.url.href).toBe('https://93.184.215.14/hooks?x=1');
    expect(target.addresses).toEqual([{ address: '93.184.215.14', family: 4 }]);
  });

  it('refuses what is not an http(s) URL, or carries credentials', async () => {
    expect(await problemOf('not a url')).toBe('invalid');
    expect(await problemOf('ftp://93.184.215.14/x')).toBe('scheme');
    expect(await problemOf('file:///etc/passwd')).toBe('scheme');
    expect(await problemOf('https://user:pw@93.184.215.14/x')).toBe('credentials');
  });

  it('refuses plain http to a public address, even in development', async () => {
    expect(await problemOf('http://93.184.215.14/x', DEV)).toBe('scheme');
  });

  it('refuses loopback, private, link-local and metadata addresses, by literal or by name', async () => {
    expect(await problemOf('https://127.0.0.1/x')).toBe('not_public');
    expect(await problemOf('https://[::1]/x')).toBe('not_public');
    expect(await problemOf('https://localhost/x')).toBe('not_public');
    expect(await problemOf('https://10.0.0.7/x', DEV)).toBe('not_public');
    expect(await problemOf('http://169.254.169.254/latest/meta-data/', DEV)).toBe('not_public');
    expect(await problemOf('https://[::ffff:192.168.0.1]/x', DEV)).toBe('not_public');
    expect(await problemOf('https://2130706433/x')).toBe('not_public'); // 127.0.0.1 as one number
  });

  it('refuses a name that does not resolve', async () => {
    expect(await problemOf('https://no-such-host.invalid/x')).toBe('unresolvable');
  });

  it('allows loopback over http when development allows it', async () => {
    const target = await resolveWebhookTarget('http://127.0.0.1:4010/hook', DEV);
    expect(target.addresses).toEqual([{ address: '127.0.0.1', family: 4 }]);
    expect(await problemOf('http://localhost:4010/hook', DEV)).toBeUndefined();
  });
});
