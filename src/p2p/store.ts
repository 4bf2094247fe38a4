// A small persistent store of recently verified proofs, so a restarted node still knows them and can
// serve catch-up requests. One file per (payload root, proof type), named after both; only that
// index is held in memory, contents are read on demand. The oldest files are pruned.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignedExecutionProof } from './containers.js';
import { fromHex, toHex } from './topic.js';

const FILE_RE = /^([0-9a-f]{64})-(\d{1,3})\.ssz$/;

export interface StoredProofKey {
  newPayloadRequestRoot: Uint8Array;
  proofType: number;
}

export class RecentProofStore {
  /** File keys (`<root hex>-<type>`), oldest first. */
  private readonly keys = new Set<string>();

  private constructor(private readonly dir: string, private readonly capacity: number) {}

  /** Opens (creating) `<dataDir>/proofs`. */
  static async open(dataDir: string, capacity: number): Promise<RecentProofStore> {
    const dir = join(dataDir, 'proofs');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new RecentProofStore(dir, capacity);
    const entries: { key: string; mtimeMs: number }[] = [];
    for (const name of await readdir(dir)) {
      const m = FILE_RE.exec(name);
      if (m === null || Number(m[2]) > 255) continue;
      entries.push({ key: name.slice(0, -4), mtimeMs: (await stat(join(dir, name))).mtimeMs });
    }
    // Oldest first, so pruning after a restart drops the same proofs it would have dropped before.
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const e of entries) store.keys.add(e.key);
    await store.prune();
    return store;
  }

  async put(proof: SignedExecutionProof): Promise<void> {
    const key = keyOf(proof.message.publicInput.newPayloadRequestRoot, proof.message.proofType);
    const tmp = join(this.dir, `.${key}.tmp`);
    await writeFile(tmp, SignedExecutionProof.serialize(proof), { mode: 0o600 });
    await rename(tmp, join(this.dir, `${key}.ssz`));
    this.keys.delete(key);
    this.keys.add(key);
    await this.prune();
  }

  /** SSZ bytes of every stored proof for a payload root; unreadable or corrupt files are dropped. */
  async byPayloadRoot(root: Uint8Array): Promise<Uint8Array[]> {
    const prefix = `${toHex(root)}-`;
    const out: Uint8Array[] = [];
    for (const key of [...this.keys]) {
      if (!key.startsWith(prefix)) continue;
      const bytes = await this.read(key);
      if (bytes !== undefined) out.push(bytes);
    }
    return out;
  }

  /** What is stored, without reading it (startup marks these payloads as proven). */
  entries(): StoredProofKey[] {
    return [...this.keys].map((k) => {
      const [root, type] = k.split('-');
      return { newPayloadRequestRoot: fromHex(root), proofType: Number(type) };
    });
  }

  get size(): number {
    return this.keys.size;
  }

  private async read(key: string): Promise<Uint8Array | undefined> {
    const path = join(this.dir, `${key}.ssz`);
    try {
      const bytes = new Uint8Array(await readFile(path));
      const p = SignedExecutionProof.deserialize(bytes);
      if (keyOf(p.message.publicInput.newPayloadRequestRoot, p.message.proofType) !== key) throw new Error('content does not match its name');
      return bytes;
    } catch {
      this.keys.delete(key);
      await rm(path, { force: true });
      return undefined;
    }
  }

  private async prune(): Promise<void> {
    while (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next().value as string;
      this.keys.delete(oldest);
      await rm(join(this.dir, `${oldest}.ssz`), { force: true });
    }
  }
}

function keyOf(root: Uint8Array, proofType: number): string {
  return `${toHex(root)}-${proofType}`;
}
