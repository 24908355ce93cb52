/**
 * Cross-site request forgery: a page on another site can make a victim's
 * browser send a request with the victim's cookies, but it cannot choose the
 * `Origin` (or `Sec-Fetch-Site`) the browser sends with it. A request that
 * carries cookies and may change something is refused when those headers say
 * it comes from a page that is not one of ours.
 *
 * Without `Origin` the request is let through unless `Sec-Fetch-Site` calls it
 * cross-site: every browser that sends `Sec-Fetch-Site` also sends `Origin` on
 * a POST (so a real cross-site POST never lacks both), and a client without
 * either is not a browser (curl, a server, the tests), which no other site can
 * drive with someone's cookies.
 */
export function crossSiteRefusal(
  headers: Headers,
  allowedOrigins: ReadonlySet<string>,
  options: { evenWithoutCookie?: boolean } = {},
): string | undefined {
  // Without a cookie no session rides along, so there is nothing to forge, except a sign-in (a
  // foreign page signing the browser into the attacker's account): `evenWithoutCookie`.
  if (!options.evenWithoutCookie && !headers.get('cookie')) return undefined;
  const origin = headers.get('origin');
  if (origin !== null) {
    if (allowedOrigins.has(origin)) return undefined;
    return `Cross-site request refused: Origin ${origin} is not one of this API's apps`;
  }
  const site = headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') {
    return `Cross-site request refused: Sec-Fetch-Site ${site} without an Origin of this API's apps`;
  }
  return undefined;
}

/** The origins whose pages may send cookie-authenticated mutations: the apps and the API itself. */
export function allowedOriginsOf(appOrigins: readonly string[], publicUrl: string): Set<string> {
  return new Set([...appOrigins, publicUrl].map((url) => new URL(url).origin));
}
