// Posts verified proofs to the beacon node's EIP-8025 endpoint, off the proving path: `submit`
// only queues; one background loop posts, retrying what may succeed later (unreachable, timeout,
// 5xx) with doubling delays and dropping what will not (404/405: no such endpoint on this node;
// 400/415: the node refuses the proof). Every failed attempt is reported with its reason; a
// failure never reaches the caller.
// Endpoint and body: see endpoints.ts.
import { ListCompositeType } from '@chainsafe/ssz';
import { hexlify } from 'ethers';
import type { Logger } from '../log/logger.js';
import { MAX_EXECUTION_PROOFS_PER_PAYLOAD } from '../p2p/constants.js';
import { SignedExecutionProof } from '../p2p/containers.js';
import { EIP8025_SUBMIT_PROOFS_PATH } from './endpoints.js';

/** The request body; the list limit only matters for hashing, never for this serialization. */
const SignedExecutionProofs = new ListCompositeType(SignedExecutionProof, MAX_EXECUTION_PROOFS_PER_PAYLOAD);

export type PublishFailure = 'unreachable' | 'timeout' | 'no_endpoint' | 'refused' | 'server_error' | 'queue_full' | 'unencodable';

export interface ProofPublisherOptions {
  url: string;
  path?: string;
  log: Logger;
  /** Attempts per proof for retryable failures. */
  attempts?: number;
  /** Delay before the first retry, ms (doubles each retry). */
  retryDelayMs?: number;
  timeoutMs?: number;
  /** Proofs waiting to be posted; the oldest is dropped beyond this. */
  maxQueue?: number;
  onFailure?: (reason: PublishFailure) => void;
  onPublished?: () => void;
}

type Outcome = { ok: true } | { ok: false; reason: PublishFailure; retry: boolean; detail: string };

export class BeaconProofPublisher {
  private readonly queue: SignedExecutionProof[] = [];
  /** (root, proof type) already posted or being posted: each goes once. */
  private readonly seen = new Set<string>();
  private readonly abort = new AbortController();
  private worker?: Promise<void>;
  private wake?: () => void;
  private readonly endpoint: string;

  constructor(private readonly opts: ProofPublisherOptions) {
    this.endpoint = `${opts.url.replace(/\/+$/, '')}${opts.path ?? EIP8025_SUBMIT_PROOFS_PATH}`;
  }

  /** Queues a proof; returns at once. False if this proof was queued before. */
  submit(proof: SignedExecutionProof): boolean {
    const key = `${hexlify(proof.message.publicInput.newPayloadRequestRoot)}/${proof.message.proofType}`;
    if (this.abort.signal.aborted || this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > 4096) this.seen.delete(this.seen.values().next().value!);
    this.queue.push(proof);
    if (this.queue.length > (this.opts.maxQueue ?? 64)) {
      this.queue.shift();
      this.fail('queue_full', 'beacon node is not keeping up; oldest proof dropped');
    }
    this.worker ??= this.run();
    this.wake?.();
    return true;
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when nothing is queued or being posted (or the publisher is closed). */
  async idle(): Promise<void> {
    while ((this.queue.length > 0 || this.busy) && !this.abort.signal.aborted) await new Promise((r) => setTimeout(r, 20));
  }

  async close(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.worker;
  }

  private busy = false;

  private async run(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const proof = this.queue.shift();
      if (!proof) {
        await new Promise<void>((r) => (this.wake = r));
        this.wake = undefined;
        continue;
      }
      this.busy = true;
      try {
        await this.deliver(proof);
      } catch (e) {
        // Only a proof the SSZ encoder refuses gets here (post() turns every HTTP failure into an outcome).
        this.fail('unencodable', (e as Error).message);
      } finally {
        this.busy = false;
      }
    }
  }

  private async deliver(proof: SignedExecutionProof): Promise<void> {
    const attempts = this.opts.attempts ?? 4;
    let delay = this.opts.retryDelayMs ?? 1000;
    const root = hexlify(proof.message.publicInput.newPayloadRequestRoot);
    const body = SignedExecutionProofs.serialize([proof]);
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const out = await this.post(body);
      if (this.abort.signal.aborted) return;
      if (out.ok) {
        this.opts.onPublished?.();
        this.opts.log.info({ root, attempt }, 'proof posted to the beacon node');
        return;
      }
      this.fail(out.reason, out.detail, { root, attempt });
      if (!out.retry || attempt === attempts) {
        this.opts.log.warn({ root, reason: out.reason }, out.retry ? 'gave up posting a proof to the beacon node' : 'beacon node did not take the proof');
        return;
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      delay *= 2;
    }
  }

  private fail(reason: PublishFailure, detail: string, ctx: Record<string, unknown> = {}): void {
    this.opts.onFailure?.(reason);
    this.opts.log.warn({ ...ctx, reason, detail, endpoint: this.endpoint }, 'beacon proof post failed');
  }

  private async post(body: Uint8Array): Promise<Outcome> {
    let res: Response;
    try {
      res = await fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', accept: 'application/json' },
        body,
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 10_000)]),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string } };
      if (err.name === 'TimeoutError') return { ok: false, reason: 'timeout', retry: true, detail: 'no answer in time' };
      return { ok: false, reason: 'unreachable', retry: true, detail: err.cause?.code ?? err.message };
    }
    const text = (await res.text().catch(() => '')).slice(0, 500);
    if (res.ok) return { ok: true };
    const detail = `HTTP ${res.status}${text ? `: ${text}` : ''}`;
    if (res.status === 404 || res.status === 405) return { ok: false, reason: 'no_endpoint', retry: false, detail };
    if (res.status >= 500 || res.status === 429) return { ok: false, reason: 'server_error', retry: true, detail };
    return { ok: false, reason: 'refused', retry: false, detail };
  }
}
