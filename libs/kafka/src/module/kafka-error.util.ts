/**
 * @platformatic/kafka wraps the broker's answer in generic errors ("Producing
 * messages failed.") whose causes hold the reason; this joins the distinct
 * messages of the whole tree, outermost first, so logs and the outbox's
 * `last_error` say what the broker said.
 */
export function kafkaErrorText(error: unknown): string {
  const messages: string[] = [];
  const visit = (node: unknown, depth: number): void => {
    if (!(node instanceof Error) || depth > 8) {
      if (node !== undefined && !(node instanceof Error)) messages.push(String(node));
      return;
    }
    if (node.message && !messages.includes(node.message)) messages.push(node.message);
    for (const child of (node as Partial<AggregateError>).errors ?? []) visit(child, depth + 1);
    if (node.cause !== undefined) visit(node.cause, depth + 1);
  };
  visit(error, 0);
  return messages.join(': ');
}

/** Rethrowable form of a client error whose message is {@link kafkaErrorText}, keeping the original as cause. */
export function readableKafkaError(error: unknown): Error {
  return new Error(kafkaErrorText(error), { cause: error });
}
