// Payload requests this node has seen (from its execution client's VALID answers or from the
// beacon node in proof-only mode), by new_payload_request_root: a proof arriving for a root is
// checked against the block it must commit to. Bounded: the oldest entries go first.
import type { BlockClaim } from './binding.js';

export interface KnownPayload extends BlockClaim {
  newPayloadRequestRoot: string;
  blockNumber: number;
}

export class PayloadRegistry {
  private readonly byRoot = new Map<string, KnownPayload>();

  constructor(private readonly capacity = 4096) {}

  add(p: KnownPayload): boolean {
    const key = p.newPayloadRequestRoot.toLowerCase();
    if (this.byRoot.has(key)) return false;
    this.byRoot.set(key, p);
    if (this.byRoot.size > this.capacity) this.byRoot.delete(this.byRoot.keys().next().value!);
    return true;
  }

  get(root: string): KnownPayload | undefined {
    return this.byRoot.get(root.toLowerCase());
  }

  has(root: string): boolean {
    return this.byRoot.has(root.toLowerCase());
  }

  /** Newest first (by block number). */
  recent(limit: number): KnownPayload[] {
    return [...this.byRoot.values()].sort((a, b) => b.blockNumber - a.blockNumber).slice(0, limit);
  }
}
