const encoder = new TextEncoder();

/** A byte stream of the strings an async generator yields, pulled only as fast as the client reads. */
export function textStream(chunks: AsyncGenerator<string>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}

/**
 * Rows serialised per chunk of a download. The body yields the event loop between chunks (admittedBody), so
 * this bounds how long one download holds it: ~100 GraphML rows are ~5 ms of CPU on an idle core.
 */
export const CHUNK_ROWS = 100;

/** A page cut into runs of at most CHUNK_ROWS rows. */
export function* slices<Row>(page: readonly Row[]): Generator<readonly Row[]> {
  for (let i = 0; i < page.length; i += CHUNK_ROWS) yield page.slice(i, i + CHUNK_ROWS);
}

/** Leaves out null and undefined values (JSON writes what is there, nothing else). */
export const compact = (o: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
