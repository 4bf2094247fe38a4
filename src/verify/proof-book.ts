// Which payload requests have a verified proof (by new_payload_request_root), and which block
// hashes were declared VALID on that basis. Backed by the store so verdicts survive restarts.
import type { SidecarStore } from '../store/store.js';

export class ProofBook {
  private readonly verifiedRoots = new Set<string>();
  private readonly validBlocks = new Set<string>();

  constructor(private readonly store: SidecarStore) {}

  async load(): Promise<void> {
    for (const v of await this.store.allVerdicts()) {
      if (!v.valid) continue;
      this.verifiedRoots.add(v.newPayloadRequestRoot);
      if (v.blockHash) this.validBlocks.add(v.blockHash);
    }
  }

  isVerified(root: string): boolean {
    return this.verifiedRoots.has(root.toLowerCase());
  }

  /** Records a verified proof for `root`. */
  async addVerified(root: string, blockHash?: string): Promise<void> {
    const r = root.toLowerCase();
    this.verifiedRoots.add(r);
    await this.store.putVerdict({ newPayloadRequestRoot: r, blockHash: blockHash?.toLowerCase(), valid: true, at: Date.now() });
  }

  async addRejected(root: string, reason: string): Promise<void> {
    await this.store.putVerdict({ newPayloadRequestRoot: root.toLowerCase(), valid: false, reason, at: Date.now() });
  }

  /** A block answered VALID because a verified proof binds its payload. */
  async markValidBlock(blockHash: string, root: string): Promise<void> {
    this.validBlocks.add(blockHash.toLowerCase());
    await this.store.putVerdict({ newPayloadRequestRoot: root.toLowerCase(), blockHash: blockHash.toLowerCase(), valid: true, at: Date.now() });
  }

  isValidBlock(blockHash: string): boolean {
    return this.validBlocks.has(blockHash.toLowerCase());
  }
}
