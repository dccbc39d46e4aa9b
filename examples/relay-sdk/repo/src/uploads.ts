/** Something the files API can upload. */
export type Uploadable = { name: string; data: Uint8Array };

/** Wraps bytes or text as an uploadable file. */
export async function toFile(data: Uint8Array | string, name: string): Promise<Uploadable> {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return { name, data: bytes };
}
