// Defaults, then per-network overrides. Ports follow ecosystem habits: the engine proxy listens
// where a beacon node expects an execution client (8551), the API beside zkboost's 3000.
import { EIP8025_SUBMIT_PROOFS_PATH } from '../beacon/endpoints.js';
import type { OneproofConfig } from './schema.js';

/**
 * The validator guest's program id: sha256 of build/guest/validator.elf as `npm run build:guest`
 * builds it from this tree (build/guest/validator.program-id). Proofs name it; the sidecar refuses
 * an ELF with another id. Update it together with any change to the guest or its toolchain
 * (test/guest/program-id.test.ts fails until then; docs/GUEST.md).
 */
export const PINNED_PROGRAM_ID = '03f8733960c38729be3150c4993e3ee086e35a2b9bc5ac6634b4b11ec78af15e';

export function defaultConfig(): OneproofConfig {
  return {
    network: 'devnet',
    role: 'prover',
    dataDir: './data',
    logLevel: 'info',
    execution: { urls: [], timeoutMs: 8000 },
    engine: { host: '127.0.0.1', port: 8551, maxBodyBytes: 16 * 1024 * 1024 },
    api: { host: '127.0.0.1', port: 3000 },
    prover: { workers: 1, deadlineMs: 12_000, maxAttempts: 2, staleSlots: 32, programId: PINNED_PROGRAM_ID, segmentCycles: 1 << 20, params: 'default' },
    beacon: { proofsPath: EIP8025_SUBMIT_PROOFS_PATH, publishAttempts: 4, retryDelayMs: 1000 },
    p2p: { enabled: false, listen: ['/ip4/127.0.0.1/tcp/9100'], bootstrap: [] },
  };
}

/** Known networks; an unknown name is allowed (a private network) and gets the plain defaults. */
export const NETWORK_CHAIN_IDS: Record<string, number> = {
  mainnet: 1,
  sepolia: 11155111,
  hoodi: 560048,
  devnet: 1337,
};

/** Fork of the payloads proven on each known network (public networks run Osaka since Fusaka). */
export const NETWORK_FORKS: Record<string, string> = {
  mainnet: 'Osaka',
  sepolia: 'Osaka',
  hoodi: 'Osaka',
  devnet: 'Prague',
};

/** What the native validator needs to know about the chain. */
export function chainSpecOf(c: { network: string; prover: { fork?: string; chainId?: number } }): { chainId: number; fork: string } {
  return {
    chainId: c.prover.chainId ?? NETWORK_CHAIN_IDS[c.network] ?? NETWORK_CHAIN_IDS.devnet,
    fork: c.prover.fork ?? NETWORK_FORKS[c.network] ?? 'Prague',
  };
}
