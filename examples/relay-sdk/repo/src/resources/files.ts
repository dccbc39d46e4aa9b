import { APIResource } from '../core.js';
import { deprecated } from '../decorators.js';
import type { Uploadable } from '../uploads.js';

export interface FileObject {
  id: string;
  status: 'uploaded' | 'processed' | 'error';
}

/** Files uploaded for fine-tuning and batches. */
export class Files extends APIResource {
  /** Uploads a file for the given purpose. */
  upload(file: Uploadable, purpose: 'fine-tune' | 'batch' = 'fine-tune'): Promise<FileObject> {
    return this._client.post<FileObject>('/files', { file: file.name, purpose });
  }

  /** Waits until a file is processed. */
  @deprecated('Use files.poll instead')
  async waitForProcessing(id: string, pollIntervalMs = 500): Promise<FileObject> {
    return this.poll(id, { intervalMs: pollIntervalMs });
  }

  /** Polls a file until the server has processed it. */
  async poll(id: string, options: { intervalMs?: number } = {}): Promise<FileObject> {
    for (;;) {
      const file = await this._client.get<FileObject>(`/files/${id}`);
      if (file.status !== 'uploaded') return file;
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 1000));
    }
  }
}
