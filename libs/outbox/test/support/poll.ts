/**
 * Polls `probe` until `until` accepts its value or `timeoutMs` passes, so tests
 * wait for asynchronous effects instead of sleeping a guessed time.
 * (Local twin of @oms/testing's waitFor, which also loads the whole infra tooling.)
 */
export async function pollUntil<T>(
  what: string,
  probe: () => Promise<T>,
  until: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (let value = await probe(); ; value = await probe()) {
    if (until(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
