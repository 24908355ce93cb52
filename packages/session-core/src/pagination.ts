import { InvalidSessionInputError } from './errors.ts';

/** One page of a list read newest first, `limit` at a time (keyset pagination). */
export interface Page<Item> {
  items: Item[];
  /** Pass back as `cursor` for the next page; null on the last one. */
  nextCursor: string | null;
}

/** What a caller asks of a paginated list. */
export interface PageOptions {
  limit: number;
  /** A `nextCursor` this list returned; none for the first page. */
  cursor?: string | null | undefined;
}

/**
 * The key a cursor carries back (the last item's sort key), or undefined for the first page. `parse`
 * checks the decoded values: a cursor is client input, so anything it does not accept is refused.
 *
 * @throws {InvalidSessionInputError} a cursor this list did not return
 */
export function cursorKey<Key>(
  options: PageOptions,
  parse: (values: unknown[]) => Key | undefined,
): Key | undefined {
  if (!options.cursor) return undefined;
  try {
    const values: unknown = JSON.parse(Buffer.from(options.cursor, 'base64url').toString());
    const key = Array.isArray(values) ? parse(values) : undefined;
    if (key !== undefined) return key;
  } catch {
    // fall through: reported below as an invalid input
  }
  throw new InvalidSessionInputError([{ path: 'cursor', message: 'Not a cursor returned by this list' }]);
}

/**
 * The page of `rows` read with `limit + 1`: the extra row only tells that a next page exists, whose
 * cursor is the last item's sort key (`keyOf`).
 */
export function pageOf<Item>(rows: Item[], limit: number, keyOf: (last: Item) => unknown[]): Page<Item> {
  const items = rows.slice(0, limit);
  const nextCursor =
    rows.length > limit ? Buffer.from(JSON.stringify(keyOf(items.at(-1)!))).toString('base64url') : null;
  return { items, nextCursor };
}
