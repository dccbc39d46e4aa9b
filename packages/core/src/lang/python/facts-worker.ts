// A worker thread of the facts pool (pool.ts): parses the Python files it is sent and returns their facts.
import { parentPort, workerData } from 'node:worker_threads';
import { extractPythonFacts } from './facts.js';
import { loadPythonParser, type ParserBackend } from './parser.js';

const parser = await loadPythonParser({ backend: (workerData as { backend: ParserBackend }).backend });
parentPort!.on('message', (batch: { path: string; text: string }[]) => {
  parentPort!.postMessage(batch.map((f) => extractPythonFacts(parser, f.text, f.path)));
});
