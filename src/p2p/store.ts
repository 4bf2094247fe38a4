// A small persistent store of recently verified proofs, so a restarted node still knows them and can
// serve catch-up requests. One file per (payload root, proof type); the oldest are pruned.
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SignedExecutionProof } from './containers.js';
import { toHex } from './topic.js';

const FILE_RE = /^([0-9a-f]{64})-(\d{1,3})\.ssz$/;

export class RecentProofStore {
  /** Keys in insertion order, oldest first; value = SSZ bytes of the SignedExecutionProof. */
  private readonly proofs = new Map<string, Uint8Array>();

  private constructor(private readonly dir: string, private readonly capacity: number) {}

  /** Opens (creating) `<dataDir>/proofs`; unreadable or corrupt files are removed, not fatal. */
  static async open(dataDir: string, capacity: number): Promise<RecentProofStore> {
    const dir = join(dataDir, 'proofs');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const store = new RecentProofStore(dir, capacity);
    const names = (await readdir(dir)).filter((n) => FILE_RE.test(n));
    const entries: { name: string; bytes: Uint8Array; mtimeMs: number }[] = [];
    for (const name of names) {
      const path = join(dir, name);
      try {
        const bytes = new Uint8Array(await readFile(path));
        const p = SignedExecutionProof.deserialize(bytes);
        if (`${keyOf(p)}.ssz` !== name) throw new Error('name does not match content');
        entries.push({ name, bytes, mtimeMs: (await stat(path)).mtimeMs });
      } catch {
        await rm(path, { force: true });
      }
    }
    // Oldest first, so pruning after a restart drops the same proofs it would have dropped before.
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const e of entries) store.proofs.set(e.name.slice(0, -4), e.bytes);
    await store.prune();
    return store;
  }

  async put(proof: SignedExecutionProof): Promise<void> {
    const key = keyOf(proof);
    const bytes = SignedExecutionProof.serialize(proof);
    const tmp = join(this.dir, `.${key}.tmp`);
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, join(this.dir, `${key}.ssz`));
    this.proofs.delete(key);
    this.proofs.set(key, bytes);
    await this.prune();
  }

  /** Every stored proof for a payload root (at most one per proof type). */
  byPayloadRoot(root: Uint8Array): Uint8Array[] {
    const prefix = toHex(root) + '-';
    const out: Uint8Array[] = [];
    for (const [k, v] of this.proofs) if (k.startsWith(prefix)) out.push(v);
    return out;
  }

  all(): SignedExecutionProof[] {
    return [...this.proofs.values()].map((b) => SignedExecutionProof.deserialize(b));
  }

  get size(): number {
    return this.proofs.size;
  }

  private async prune(): Promise<void> {
    while (this.proofs.size > this.capacity) {
      const oldest = this.proofs.keys().next().value as string;
      this.proofs.delete(oldest);
      await rm(join(this.dir, `${oldest}.ssz`), { force: true });
    }
  }
}

function keyOf(p: SignedExecutionProof): string {
  return `${toHex(p.message.publicInput.newPayloadRequestRoot)}-${p.message.proofType}`;
}
