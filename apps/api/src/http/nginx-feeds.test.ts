import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NGINX_DIR } from '../testing/deploy-nginx.ts';
import { FEED_PATHS } from './feed-streams.ts';

describe("deploy/nginx's location for the live feeds", () => {
  it('lists every feed the API streams (unbuffered, with a long read timeout)', () => {
    const site = readFileSync(path.join(NGINX_DIR, 'autodoctor.conf'), 'utf8');
    const pattern = /location ~ (\S+) \{[^}]*proxy_buffering off;[^}]*proxy_read_timeout 1h;/.exec(site)?.[1];
    expect(pattern).toBeDefined();
    const location = new RegExp(pattern!);
    for (const feed of FEED_PATHS) expect(location.test(`/trpc/${feed}`), feed).toBe(true);
    expect(location.test('/trpc/mechanic.queue')).toBe(false);
  });
});
