export { Chat } from './chat.js';
export { Completions, type ChatCompletion, type ChatCompletionChunk, type ChatCompletionCreateParams, type ChatMessage } from './completions.js';
