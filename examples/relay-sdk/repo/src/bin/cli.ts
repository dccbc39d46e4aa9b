#!/usr/bin/env node
import { execSync } from 'node:child_process';
import { Relay } from '../client.js';

declare const process: { argv: string[] };

/** The `relay` command: list models, chat, print the version. */
async function main(argv: string[]): Promise<void> {
  const client = Relay.fromEnv();
  const [command, ...rest] = argv;
  if (command === 'models') {
    const models = await client.models.list();
    for (const m of models) console.log(m.id);
  } else if (command === 'chat') {
    const reply = await client.chat.completions.create({ model: 'relay-large', messages: [{ role: 'user', content: rest.join(' ') }] });
    console.log(reply.choices[0].message.content);
  } else if (command === 'version') {
    // The version is the nearest git tag.
    console.log(execSync('git describe --tags').toString().trim());
  }
}

main(process.argv.slice(2));
