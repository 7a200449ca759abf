// Walking what ethers or a wallet threw: the error, then each one it wraps.
/** What ethers or a wallet threw, then each error it wraps (`error`, `info`, `cause`). */
export function* errorChain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === "object" && !seen.has(current)) {
    seen.add(current);
    const record = current as Record<string, unknown>;
    yield record;
    current = record.error ?? record.info ?? record.cause;
  }
}
