import Relay from 'relay-sdk';

declare const process: { env: Record<string, string | undefined> };

// The API key is read from the environment.
const client = new Relay({ apiKey: process.env['RELAY_API_KEY'] });

async function main() {
  // Pick the first model the account can use.
  const models = await client.models.list();
  const completion = await client.chat.completions.create({
    model: models[0].id,
    messages: [{ role: 'user', content: 'Say hello' }],
    temperature: 0.2, // lower is more deterministic
  });
  console.log(completion.choices[0].message.content);
}

main();
