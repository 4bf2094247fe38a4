// The catch-up protocol's two ends on a libp2p node: serving stored proofs by payload root (with a
// per-peer rate limit) and fetching them from a peer (with a deadline and a byte budget).
import type { Connection, PeerId, Stream } from '@libp2p/interface';
import { PROOFS_BY_ROOT_PROTOCOL, RESP_RESOURCE_UNAVAILABLE } from './constants.js';
import type { ProofLibp2p } from './libp2p.js';
import type { P2PLimits, P2PLogger } from './node.js';
import { encodeErrorChunk, requestProofsByRoot, serveProofsByRoot, writeAll } from './reqresp.js';
import type { RecentProofStore } from './store.js';

export class CatchUpService {
  /** Peer id → times (ms) of requests served in the last minute. */
  private readonly served = new Map<string, number[]>();

  constructor(
    private readonly libp2p: ProofLibp2p,
    private readonly store: RecentProofStore,
    private readonly limits: P2PLimits,
    private readonly log: P2PLogger,
  ) {}

  async start(): Promise<void> {
    await this.libp2p.handle(PROOFS_BY_ROOT_PROTOCOL, (stream, conn) => void this.serve(stream, conn), {
      maxInboundStreams: this.limits.maxInboundCatchUpStreams,
    });
  }

  /** SSZ bytes of the proofs `peer` returns for these roots; [] when it fails, errs or stalls. */
  async fetch(peer: PeerId, roots: Uint8Array[]): Promise<Uint8Array[]> {
    const signal = AbortSignal.timeout(this.limits.catchUpTimeoutMs);
    let stream: Stream | undefined;
    try {
      stream = await this.libp2p.dialProtocol(peer, PROOFS_BY_ROOT_PROTOCOL, { signal });
      const s = stream;
      signal.addEventListener('abort', () => s.abort(new Error('catch-up timed out')), { once: true });
      return await requestProofsByRoot(s, roots, signal, this.limits.catchUpMaxBytes);
    } catch (e) {
      this.log.debug({ peer: peer.toString(), err: (e as Error).message }, 'catch-up request failed');
      stream?.abort(e as Error);
      return [];
    }
  }

  private async serve(stream: Stream, conn: Connection): Promise<void> {
    const peer = conn.remotePeer.toString();
    const signal = AbortSignal.timeout(this.limits.catchUpTimeoutMs);
    signal.addEventListener('abort', () => stream.abort(new Error('catch-up response timed out')), { once: true });
    try {
      if (!this.allow(peer)) {
        await writeAll(stream, encodeErrorChunk(RESP_RESOURCE_UNAVAILABLE, 'rate limited'), signal);
        await stream.close({ signal });
        return;
      }
      const sent = await serveProofsByRoot(stream, (root) => this.store.byPayloadRoot(root), signal);
      this.log.debug({ peer, sent }, 'served catch-up request');
    } catch (e) {
      stream.abort(e as Error);
    }
  }

  /** Sliding one-minute window of served requests per peer. */
  private allow(peer: string): boolean {
    const now = Date.now();
    const recent = (this.served.get(peer) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limits.catchUpRequestsPerMinute) return false;
    recent.push(now);
    this.served.delete(peer);
    this.served.set(peer, recent);
    // Bounded: forget the least recently served peers first.
    while (this.served.size > 4 * this.limits.maxConnections) this.served.delete(this.served.keys().next().value as string);
    return true;
  }
}
