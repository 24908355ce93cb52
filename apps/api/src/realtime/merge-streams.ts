/**
 * The values of several async iterators as they come, until every one has
 * ended. Returning early asks each source to return without waiting: a
 * generator busy awaiting its next value returns only once that settles, so
 * callers also end their sources' streams (an AbortSignal).
 */
export async function* mergeStreams<T>(...sources: AsyncIterator<T>[]): AsyncGenerator<T> {
  const pending = new Map<number, Promise<{ index: number; result: IteratorResult<T> }>>();
  const pull = (index: number) =>
    pending.set(
      index,
      sources[index]!.next().then((result) => ({ index, result })),
    );
  sources.forEach((_, index) => pull(index));
  try {
    while (pending.size > 0) {
      const { index, result } = await Promise.race(pending.values());
      if (result.done) {
        pending.delete(index);
        continue;
      }
      pull(index);
      yield result.value;
    }
  } finally {
    for (const source of sources) void source.return?.()?.catch(() => {});
  }
}
