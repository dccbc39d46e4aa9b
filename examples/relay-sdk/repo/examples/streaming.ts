import { Relay } from 'relay-sdk';
import type { StreamEvent } from 'relay-sdk';
import { streamToText } from 'relay-sdk/helpers';

/** Prints every chunk as it arrives. */
function onChunk(event: StreamEvent): void {
  console.log(event.type, event.data);
}

const client = Relay.fromEnv().withOptions({ timeout: 30_000 });
client.on('chunk', onChunk);
const stream = await client.chat.completions.create({
  model: 'relay-large',
  messages: [{ role: 'user', content: 'Write a haiku' }],
  stream: true,
});
const text = await streamToText(stream);
console.log(text);
