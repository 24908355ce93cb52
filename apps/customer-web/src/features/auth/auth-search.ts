/** `?redirect=` — where to go once signed in (a path of this app only, never another site). */
export interface AuthSearch {
  redirect?: string | undefined;
}

export function parseAuthSearch(search: Record<string, unknown>): AuthSearch {
  const { redirect } = search;
  return typeof redirect === 'string' && /^\/(?!\/)/.test(redirect) ? { redirect } : {};
}
