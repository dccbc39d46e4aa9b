import { APIResource, type BaseClient } from '../../core.js';
import { Completions } from './completions.js';

/** The chat API: conversations with a model. */
export class Chat extends APIResource {
  completions: Completions;

  constructor(client: BaseClient) {
    super(client);
    this.completions = new Completions(client);
  }
}
