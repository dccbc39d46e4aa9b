import { APIResource } from '../core.js';

export interface Model {
  id: string;
  owned_by: string;
}

/** The models the API serves. */
export class Models extends APIResource {
  /** Lists the models available to the account. */
  list(): Promise<Model[]> {
    return this._client.get<Model[]>('/models');
  }

  /** Retrieves one model by its id. */
  retrieve(modelId: string): Promise<Model> {
    return this._client.get<Model>(`/models/${encodeURIComponent(modelId)}`);
  }
}
