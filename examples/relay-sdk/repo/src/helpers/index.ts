import type { Stream } from '../streaming.js';
import type { ChatCompletionChunk } from '../resources/chat/completions.js';

/**
 * Joins the chunks of a streamed completion into the full reply.
 */
export const streamToText = async (stream: Stream<ChatCompletionChunk>): Promise<string> => {
  let text = '';
  for await (const chunk of stream) text += chunk.delta;
  return text;
};

/** Reads at most `limit` items of an async iterable into an array. */
export async function collectChunks<T>(stream: AsyncIterable<T>, limit = 100): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) {
    if (out.length >= limit) break;
    out.push(item);
  }
  return out;
}
