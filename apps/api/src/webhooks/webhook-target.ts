import ipaddr from 'ipaddr.js';
import { lookup } from 'node:dns/promises';
import { WebhookUrlRefusedError } from '@autodoctor/session-core';

/** Where webhooks may go: public addresses, and loopback too when WEBHOOK_ALLOW_LOOPBACK (tests, `pnpm dev`). */
export interface WebhookAddressPolicy {
  allowLoopback: boolean;
}

/** A URL checked to reach only allowed addresses: delivery connects to these and no other. */
export interface WebhookTarget {
  url: URL;
  addresses: { address: string; family: 4 | 6 }[];
}

// Cloud metadata services that are not in a private or link-local range themselves.
const METADATA_ADDRESSES = new Set(['192.0.0.192', '100.100.100.200', '169.254.169.254', 'fd00:ec2::254']);

/**
 * Whether an endpoint may be at `address`: an ordinary public unicast address (ipaddr.js' ranges),
 * or loopback when allowed. Private, link-local (metadata), unique-local, CGNAT, multicast,
 * reserved and translated (NAT64, 6to4, Teredo) ranges are refused: they could reach our own network.
 */
export function isDeliverableAddress(address: string, policy: WebhookAddressPolicy): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.process(address); // ::ffff:10.0.0.1 is judged as 10.0.0.1
  if (METADATA_ADDRESSES.has(parsed.toNormalizedString()) || METADATA_ADDRESSES.has(parsed.toString())) {
    return false;
  }
  const range = parsed.range();
  return range === 'unicast' || (range === 'loopback' && policy.allowLoopback);
}

/**
 * Checks an endpoint URL and resolves it: https (http only to loopback, when loopback is allowed),
 * no credentials in it, and every address its name resolves to deliverable. Run at registration
 * and again before every delivery (a name can be pointed elsewhere later); the delivery then
 * connects to the addresses checked here, so a second lookup cannot swap them.
 */
export async function resolveWebhookTarget(
  urlText: string,
  policy: WebhookAddressPolicy,
): Promise<WebhookTarget> {
  let url: URL;
  try {
    url = new URL(urlText);
  } catch {
    throw new WebhookUrlRefusedError('invalid', `Not a URL: ${urlText.slice(0, 100)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new WebhookUrlRefusedError('scheme', 'A webhook URL must be https://');
  }
  if (url.username || url.password) {
    throw new WebhookUrlRefusedError('credentials', 'A webhook URL must not carry a user name or password');
  }
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: WebhookTarget['addresses'];
  if (ipaddr.isValid(host)) {
    addresses = [{ address: host, family: ipaddr.parse(host).kind() === 'ipv6' ? 6 : 4 }];
  } else {
    try {
      const found = await lookup(host, { all: true, verbatim: true });
      addresses = found.map(({ address, family }) => ({ address, family: family === 6 ? 6 : 4 }));
    } catch {
      throw new WebhookUrlRefusedError('unresolvable', `${host} does not resolve to an address`);
    }
  }
  const refused = addresses.find(({ address }) => !isDeliverableAddress(address, policy));
  if (refused || addresses.length === 0) {
    const where = ipaddr.isValid(host) ? host : `${host} resolves to ${refused?.address ?? 'nothing'}, which`;
    throw new WebhookUrlRefusedError('not_public', `${where} is not a public address`);
  }
  const loopbackOnly = addresses.every(({ address }) => ipaddr.process(address).range() === 'loopback');
  if (url.protocol === 'http:' && !(policy.allowLoopback && loopbackOnly)) {
    throw new WebhookUrlRefusedError(
      'scheme',
      'A webhook URL must be https:// (http:// only to loopback in development)',
    );
  }
  return { url, addresses };
}
