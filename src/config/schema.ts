// The sidecar's configuration: one typed object, validated field by field with messages that name
// the offending key and where it came from (file, ONEPROOF_* variable or flag).
import type { LogLevel } from '../log/logger.js';

export type Role = 'prover' | 'verifier';

export interface OneproofConfig {
  /** Network name: selects defaults (chain id, fork digest seed). */
  network: string;
  role: Role;
  dataDir: string;
  logLevel: LogLevel;
  execution: {
    /** Engine API URLs of the execution client (first one is used). Empty in proof-only mode. */
    urls: string[];
    /** Regular JSON-RPC URL of the execution client (eth_getProof, debug_*). Defaults to urls[0]. */
    rpcUrl?: string;
    /** Upstream request timeout, ms. */
    timeoutMs: number;
  };
  /** Path of the hex JWT secret shared with the beacon node and the execution client. */
  jwtSecret?: string;
  engine: {
    host: string;
    port: number;
    /** Largest request body accepted from the beacon node, bytes. */
    maxBodyBytes: number;
  };
  api: { host: string; port: number };
  prover: {
    /** Worker threads proving at once (one per GPU or CPU share). */
    workers: number;
    /** A job not done this long after its payload arrived is abandoned, ms. */
    deadlineMs: number;
    /** Attempts per job before it is failed for good. */
    maxAttempts: number;
    /** Jobs more than this many slots behind the newest are cancelled as stale. */
    staleSlots: number;
    /** The validator guest ELF proven for each block (its hash is the program id). */
    guestElf?: string;
    /** sha256 (hex) the guest ELF must have: the program id every proof names (pinned in defaults.ts). */
    programId?: string;
    /** Start even when the guest ELF does not hash to programId (a warning is logged instead). */
    allowUnpinnedGuest?: boolean;
    /** Override of the network's chain id / fork for the validator (private networks). */
    chainId?: number;
    fork?: string;
    /** Cluster mode: hand proving jobs to `oneproof prove-worker` machines through Redis (redis://host:port). */
    redisUrl?: string;
    /** Cycles per zkVM segment: a power of two in [2^16, 2^21]. */
    segmentCycles: number;
    /** FRI parameters of proofs made and accepted: 'default', 'provable', or 'test' (fast, NOT secure: devnets). */
    params: 'default' | 'provable' | 'test';
  };
  /** The beacon node's REST API: head/payload events and EIP-8025 proof posting. */
  beacon: {
    /** Beacon API base URL (http://host:5052); absent = the beacon features are off. */
    url?: string;
    /** Path of the EIP-8025 proof submission endpoint on that node. */
    proofsPath: string;
    /** Attempts per proof when the node is unreachable or answers 5xx. */
    publishAttempts: number;
    /** Delay before the first retry of a proof post, ms (doubles each retry). */
    retryDelayMs: number;
  };
  p2p: {
    enabled: boolean;
    /** libp2p listen multiaddrs. */
    listen: string[];
    bootstrap: string[];
  };
}

export const VALID_LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

function isPort(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= 65535;
}

function isPositiveInt(n: unknown): boolean {
  return typeof n === 'number' && Number.isInteger(n) && n > 0;
}

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** Throws ConfigError listing every problem; `origin` maps a key to where its value came from. */
export function validateConfig(c: OneproofConfig, origin: (key: string) => string = () => 'config'): OneproofConfig {
  const problems: string[] = [];
  const bad = (key: string, why: string) => problems.push(`${key} (${origin(key)}): ${why}`);
  if (typeof c.network !== 'string' || !/^[a-z0-9-]+$/.test(c.network)) bad('network', 'must be a lowercase name like "devnet"');
  if (c.role !== 'prover' && c.role !== 'verifier') bad('role', `must be "prover" or "verifier", got ${JSON.stringify(c.role)}`);
  if (typeof c.dataDir !== 'string' || c.dataDir.length === 0) bad('dataDir', 'must be a directory path');
  if (!VALID_LOG_LEVELS.includes(c.logLevel)) bad('logLevel', `must be one of ${VALID_LOG_LEVELS.join(', ')}`);
  if (!Array.isArray(c.execution.urls) || c.execution.urls.some((u) => typeof u !== 'string' || !isHttpUrl(u))) {
    bad('execution.urls', 'must be a list of http(s) URLs');
  }
  if (c.execution.rpcUrl !== undefined && !isHttpUrl(c.execution.rpcUrl)) bad('execution.rpcUrl', 'must be an http(s) URL');
  if (!isPositiveInt(c.execution.timeoutMs)) bad('execution.timeoutMs', 'must be a positive integer (ms)');
  if (c.role === 'prover' && c.execution.urls.length === 0) {
    bad('execution.urls', 'a prover needs an execution client (or use --role verifier for proof-only mode)');
  }
  if (!c.jwtSecret) bad('jwtSecret', 'required: path of the hex JWT secret the beacon node (and execution client) use');
  if (typeof c.engine.host !== 'string' || c.engine.host === '') bad('engine.host', 'must be a host name or address');
  if (!isPort(c.engine.port)) bad('engine.port', 'must be a port number 0-65535');
  if (!isPositiveInt(c.engine.maxBodyBytes)) bad('engine.maxBodyBytes', 'must be a positive integer (bytes)');
  if (typeof c.api.host !== 'string' || c.api.host === '') bad('api.host', 'must be a host name or address');
  if (!isPort(c.api.port)) bad('api.port', 'must be a port number 0-65535');
  if (!isPositiveInt(c.prover.workers)) bad('prover.workers', 'must be a positive integer');
  if (!isPositiveInt(c.prover.deadlineMs)) bad('prover.deadlineMs', 'must be a positive integer (ms)');
  if (!isPositiveInt(c.prover.maxAttempts)) bad('prover.maxAttempts', 'must be a positive integer');
  if (!isPositiveInt(c.prover.staleSlots)) bad('prover.staleSlots', 'must be a positive integer');
  if (c.prover.guestElf !== undefined && (typeof c.prover.guestElf !== 'string' || c.prover.guestElf === '')) bad('prover.guestElf', 'must be a file path');
  if (c.prover.programId !== undefined && (typeof c.prover.programId !== 'string' || !/^[0-9a-f]{64}$/.test(c.prover.programId))) {
    bad('prover.programId', 'must be a sha256 in hex (64 lowercase hex digits, no 0x)');
  }
  if (c.prover.allowUnpinnedGuest !== undefined && typeof c.prover.allowUnpinnedGuest !== 'boolean') bad('prover.allowUnpinnedGuest', 'must be true or false');
  if (c.prover.chainId !== undefined && !isPositiveInt(c.prover.chainId)) bad('prover.chainId', 'must be a positive integer');
  if (c.prover.fork !== undefined && !['Cancun', 'Prague', 'Osaka'].includes(c.prover.fork)) bad('prover.fork', 'must be Cancun, Prague or Osaka');
  if (c.prover.redisUrl !== undefined && !/^redis:\/\/[^/\s]+/.test(c.prover.redisUrl)) bad('prover.redisUrl', 'must be a redis://host:port URL');
  const seg = c.prover.segmentCycles;
  if (!isPositiveInt(seg) || seg < 65536 || seg > 2097152 || (seg & (seg - 1)) !== 0) bad('prover.segmentCycles', 'must be a power of two in [65536, 2097152]');
  if (!['default', 'provable', 'test'].includes(c.prover.params)) bad('prover.params', 'must be default, provable or test');
  if (c.beacon?.url !== undefined && !isHttpUrl(c.beacon.url)) bad('beacon.url', 'must be an http(s) URL of the beacon node REST API');
  if (c.beacon && (typeof c.beacon.proofsPath !== 'string' || !c.beacon.proofsPath.startsWith('/'))) bad('beacon.proofsPath', 'must be a path starting with /');
  if (c.beacon && !isPositiveInt(c.beacon.publishAttempts)) bad('beacon.publishAttempts', 'must be a positive integer');
  if (c.beacon && !isPositiveInt(c.beacon.retryDelayMs)) bad('beacon.retryDelayMs', 'must be a positive integer (ms)');
  if (typeof c.p2p.enabled !== 'boolean') bad('p2p.enabled', 'must be true or false');
  if (!Array.isArray(c.p2p.listen) || c.p2p.listen.some((a) => typeof a !== 'string' || !a.startsWith('/'))) {
    bad('p2p.listen', 'must be a list of multiaddrs like /ip4/127.0.0.1/tcp/9100');
  }
  if (!Array.isArray(c.p2p.bootstrap) || c.p2p.bootstrap.some((a) => typeof a !== 'string' || !a.includes('/p2p/'))) {
    bad('p2p.bootstrap', 'must be a list of multiaddrs ending in /p2p/<peer id>');
  }
  if (problems.length > 0) throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
  return c;
}
