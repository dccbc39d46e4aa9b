export * from './chat/index.js';
export { Models, type Model } from './models.js';
export { Files, type FileObject } from './files.js';
