/**
 * Refuses a cookie-carrying request that may change something when its `Origin` (or
 * `Sec-Fetch-Site`) names a page not of ours: another site can send a victim's cookies but cannot
 * choose those headers. Without either header the client is no browser, so no other site drives it.
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
