import Relay, { fileFrom } from 'relay-sdk';

const client = new Relay();
// Upload the training data, wait for it, then pick the base model.
const file = await client.files.upload(await fileFrom('{"prompt": "hi"}', 'train.jsonl'), 'fine-tune');
const ready = await client.files.poll(file.id, { intervalMs: 1000 });
const model = await client.models.retrieve('relay-base');
console.log(ready.status, model.id);
