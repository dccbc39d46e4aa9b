import { fetch as undiciFetch } from 'undici';

/** Options every client accepts. */
export interface ClientOptions {
  apiKey?: string;
  baseURL?: string;
  maxRetries?: number;
  timeout?: number;
}

/** One server-sent event of a streaming response. */
export interface StreamEvent {
  type: string;
  data: string;
}

export type EventHandler = (event: StreamEvent) => void;

/**
 * Base of every client: holds the options and sends requests.
 * Resources call it through `get` and `post`.
 */
export abstract class BaseClient {
  protected options: ClientOptions;

  constructor(options: ClientOptions) {
    this.options = { baseURL: 'https://api.relay-labs.dev/v1', maxRetries: 2, ...options };
  }

  /** Sends a GET request and parses the JSON body. */
  get<T>(path: string): Promise<T> {
    return this.request<T>('GET', path);
  }

  /** Sends a POST request with a JSON body. */
  post<T>(path: string, body: unknown): Promise<T> {
    return this.request<T>('POST', path, body);
  }

  /** Returns a copy of the client with some options replaced. */
  withOptions(options: Partial<ClientOptions>): this {
    const copy = Object.create(Object.getPrototypeOf(this)) as this;
    Object.assign(copy, this, { options: { ...this.options, ...options } });
    return copy;
  }

  protected async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await undiciFetch(`${this.options.baseURL}${path}`, {
      method,
      headers: { Authorization: `Bearer ${this.options.apiKey ?? ''}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return (await response.json()) as T;
  }
}

/** Base of the API resources: they reach the API through their client. */
export class APIResource {
  protected _client: BaseClient;

  constructor(client: BaseClient) {
    this._client = client;
  }
}
