// What the HTTP API reads from the running sidecar.
import type { OneproofConfig } from '../config/schema.js';
import type { ProofOnlyEngine } from '../engine/proof-only.js';
import type { ProvingPipeline } from '../prover/pipeline.js';
import type { SidecarStore } from '../store/store.js';
import type { PayloadRegistry } from '../verify/payload-registry.js';
import type { ProofBook } from '../verify/proof-book.js';
import type { ProofVerifier } from '../verify/verifier.js';
import type { SidecarMetrics } from './metrics.js';

export interface ApiContext {
  config: OneproofConfig;
  store: SidecarStore;
  metrics: SidecarMetrics;
  book: ProofBook;
  /** Payload requests seen, by root: what a proof for a root must commit to. */
  payloads: PayloadRegistry;
  verifier: ProofVerifier;
  /** Why proofs cannot be produced / verified here, or null when they can. */
  proverUnavailable: string | null;
  verifierUnavailable: string | null;
  pipeline?: ProvingPipeline;
  proofOnly?: ProofOnlyEngine;
  engineUrl?: string;
  peers(): { peerId: string; addrs: string[] }[];
  peerId?(): string | undefined;
  /** Publishes a proof verified through the API to gossip (verifier nodes relay). */
  onProofVerified?(root: string, proof: Uint8Array, proofType: number): void;
  startedAt: number;
}
