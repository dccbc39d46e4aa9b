/** An async iterable over the events of a streaming response. */
export class Stream<T> implements AsyncIterable<T> {
  constructor(private readonly items: () => AsyncIterator<T>) {}

  /** Reads a server-sent-events response into a stream of parsed items. */
  static fromSSE<T>(response: { body: AsyncIterable<string> }): Stream<T> {
    return new Stream<T>(async function* () {
      for await (const line of response.body) {
        if (line.startsWith('data: ')) yield JSON.parse(line.slice(6)) as T;
      }
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    return this.items();
  }

  /** Collects the whole stream as text. */
  async toText(): Promise<string> {
    let text = '';
    for await (const item of this) text += String(item);
    return text;
  }
}
