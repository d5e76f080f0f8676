import { kafkaErrorText, readableKafkaError } from './kafka-error.util';

describe('kafkaErrorText', () => {
  it('joins the distinct messages of nested errors and causes, outermost first', () => {
    const leaf = new Error('The request included a message larger than the max message size the server will accept.');
    const error = new AggregateError([new Error('Request failed', { cause: leaf }), leaf], 'Producing messages failed.');
    expect(kafkaErrorText(error)).toBe(
      'Producing messages failed.: Request failed: The request included a message larger than the max message size the server will accept.',
    );
  });

  it('reads a thrown non-error as text and keeps the original as cause', () => {
    expect(kafkaErrorText('boom')).toBe('boom');
    const original = new Error('x');
    expect(readableKafkaError(original).cause).toBe(original);
  });
});
