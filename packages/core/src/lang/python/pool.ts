// Python facts made on several threads (`jobs` option, `--jobs N`): before resolution, the files are sent
// in fixed batches to worker threads that parse them; results are kept by path, so the order in which the
// workers finish changes nothing. Resolution then finds a file's facts ready instead of parsing it
// (PythonIndex's factsOf). The facts are plain data, the same whichever thread made them: outputs are
// byte-identical to a single-threaded run (a test).
import { Worker } from 'node:worker_threads';
import type { PyModuleFacts } from './types.js';

const BATCH_CHARS = 256 * 1024;

/** Facts of the given files, made by `jobs` worker threads; keyed by path, with the text they were made from. */
export async function factsOnThreads(files: { path: string; text: string }[], jobs: number, backend: string): Promise<Map<string, { text: string; facts: PyModuleFacts }>> {
  const out = new Map<string, { text: string; facts: PyModuleFacts }>();
  if (!files.length || jobs < 2) return out;
  // Batches of about BATCH_CHARS characters, in the given order.
  const batches: { path: string; text: string }[][] = [];
  let size = Infinity;
  for (const f of files) {
    if (size >= BATCH_CHARS) {
      batches.push([]);
      size = 0;
    }
    batches[batches.length - 1].push(f);
    size += f.text.length;
  }
  let next = 0;
  const workers = Array.from({ length: Math.min(jobs, batches.length) }, () => new Worker(new URL('./facts-worker.js', import.meta.url), { workerData: { backend } }));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            let current: { path: string; text: string }[] = [];
            const send = () => {
              if (next >= batches.length) return resolve();
              current = batches[next++];
              w.postMessage(current);
            };
            w.on('message', (facts: PyModuleFacts[]) => {
              current.forEach((f, i) => out.set(f.path, { text: f.text, facts: facts[i] }));
              send();
            });
            w.on('error', reject);
            w.on('exit', (code) => (next < batches.length || current.some((f) => !out.has(f.path)) ? reject(new Error(`a facts worker exited (code ${code})`)) : resolve()));
            send();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return out;
}
