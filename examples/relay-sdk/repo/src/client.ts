import { BaseClient, type ClientOptions, type EventHandler } from './core.js';
import { Chat } from './resources/chat/index.js';
import { Files } from './resources/files.js';
import { Models } from './resources/models.js';

declare const process: { env: Record<string, string | undefined> };

/** The Relay API client: one property per API resource. */
export class Relay extends BaseClient {
  chat: Chat;
  models: Models;
  files: Files;
  private handlers: { event: string; handler: EventHandler }[] = [];

  constructor(options: ClientOptions = {}) {
    super(options);
    this.chat = new Chat(this);
    this.models = new Models(this);
    this.files = new Files(this);
  }

  /** Builds a client from the RELAY_API_KEY and RELAY_BASE_URL environment variables. */
  static fromEnv(env: Record<string, string | undefined> = process.env): Relay {
    return new Relay({ apiKey: env['RELAY_API_KEY'], baseURL: env['RELAY_BASE_URL'] });
  }

  /** Registers a handler for stream chunks or retries. */
  on(event: 'chunk' | 'retry', handler: EventHandler): this {
    this.handlers.push({ event, handler });
    return this;
  }
}

export default Relay;
