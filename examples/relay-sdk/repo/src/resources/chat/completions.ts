import { APIResource } from '../../core.js';
import { Stream } from '../../streaming.js';

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface ChatCompletionCreateParams {
  model: string;
  messages: ChatMessage[];
  stream?: boolean;
  temperature?: number;
}

export interface ChatCompletion {
  id: string;
  choices: { message: ChatMessage }[];
}

export interface ChatCompletionChunk {
  id: string;
  delta: string;
}

/** Chat completions: a model's reply to a conversation. */
export class Completions extends APIResource {
  /** Creates a completion and waits for the whole reply. */
  create(params: ChatCompletionCreateParams & { stream?: false }): Promise<ChatCompletion>;
  /** Creates a completion and streams the reply as it is written. */
  create(params: ChatCompletionCreateParams & { stream: true }): Promise<Stream<ChatCompletionChunk>>;
  /**
   * Creates a model response for the given chat conversation.
   * With `stream: true` the reply arrives in chunks.
   */
  async create(params: ChatCompletionCreateParams): Promise<ChatCompletion | Stream<ChatCompletionChunk>> {
    if (params.stream) {
      const response = await this._client.post<{ body: AsyncIterable<string> }>('/chat/completions', params);
      return Stream.fromSSE<ChatCompletionChunk>(response);
    }
    return this._client.post<ChatCompletion>('/chat/completions', params);
  }
}
