export { Relay as default, Relay } from './client.js';
export * from './resources/index.js';
export { toFile as fileFrom, type Uploadable } from './uploads.js';
export { Stream } from './streaming.js';
export type { ClientOptions, StreamEvent } from './core.js';
