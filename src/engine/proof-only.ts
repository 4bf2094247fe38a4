// The Engine API without an execution client (`--role verifier`): a payload is VALID only when a
// verified proof binds exactly this NewPayloadRequest; otherwise SYNCING (the beacon node stays
// optimistic). Nothing is ever built, so payload building is refused.
import { hexlify } from 'ethers';
import type { Logger } from '../log/logger.js';
import { claimOf } from '../verify/binding.js';
import type { KnownPayload, PayloadRegistry } from '../verify/payload-registry.js';
import type { ProofBook } from '../verify/proof-book.js';
import { checkPayloadConsistency } from '../verify/payload-hash.js';
import { newPayloadVersion, parseNewPayloadParams, PayloadError } from '../verify/payload.js';
import { newPayloadRequestRoot } from '../verify/request-root.js';
import { AMSTERDAM_UNPROVABLE, checkAmsterdamConsistency, parseNewPayloadV5Params } from './amsterdam-payload.js';
import { errorResponse, resultResponse, RPC_INVALID_PARAMS, RPC_METHOD_NOT_FOUND, type JsonRpcRequest, type JsonRpcResponse } from './jsonrpc.js';

export const PROOF_ONLY_CAPABILITIES = [
  'engine_newPayloadV3',
  'engine_newPayloadV4',
  'engine_newPayloadV5',
  'engine_forkchoiceUpdatedV3',
  'engine_forkchoiceUpdatedV4',
  'engine_exchangeCapabilities',
];

const UNKNOWN_PAYLOAD = -38001;
const INVALID_PAYLOAD_ATTRIBUTES = -38003;

export interface PayloadStatus {
  status: 'VALID' | 'INVALID' | 'SYNCING' | 'ACCEPTED';
  latestValidHash: string | null;
  validationError: string | null;
}

export class ProofOnlyEngine {
  /**
   * `payloads` records what the beacon node showed us, by request root, so proofs arriving later
   * (gossip, API) can be checked against the block they must commit to.
   */
  constructor(
    private readonly book: ProofBook,
    private readonly payloads: PayloadRegistry,
    private readonly log: Logger,
    private readonly onPayloadSeen?: (p: KnownPayload) => void,
  ) {}

  seenPayload(root: string): KnownPayload | undefined {
    return this.payloads.get(root);
  }

  async handle(req: JsonRpcRequest): Promise<JsonRpcResponse> {
    const id = req.id ?? null;
    const version = newPayloadVersion(req.method);
    if (version === 5) return this.newPayloadV5(id, req.params);
    if (version !== null) return this.newPayload(id, version, req.params);
    if (/^engine_forkchoiceUpdatedV\d+$/.test(req.method)) return this.forkchoiceUpdated(id, req.params);
    if (/^engine_getPayloadV\d+$/.test(req.method)) {
      return errorResponse(id, UNKNOWN_PAYLOAD, 'proof-only mode: oneproof has no execution client and builds no payloads');
    }
    if (req.method === 'engine_exchangeCapabilities') return resultResponse(id, PROOF_ONLY_CAPABILITIES);
    return errorResponse(id, RPC_METHOD_NOT_FOUND, `proof-only mode: ${req.method} needs an execution client`);
  }

  private async newPayload(id: JsonRpcResponse['id'], version: number, params: unknown): Promise<JsonRpcResponse> {
    let request;
    try {
      request = parseNewPayloadParams(version, params);
    } catch (e) {
      if (e instanceof PayloadError) return errorResponse(id, RPC_INVALID_PARAMS, e.message);
      throw e;
    }
    const inconsistent = checkPayloadConsistency(request);
    if (inconsistent) {
      const status: PayloadStatus = { status: 'INVALID', latestValidHash: null, validationError: inconsistent };
      return resultResponse(id, status);
    }
    const root = hexlify(newPayloadRequestRoot(request));
    const blockHash = request.payload.blockHash;
    const seen: KnownPayload = { ...claimOf(request), blockNumber: Number(request.payload.blockNumber), newPayloadRequestRoot: root };
    if (this.payloads.add(seen)) this.onPayloadSeen?.(seen);
    if (this.book.isVerified(root)) {
      await this.book.markValidBlock(blockHash, root);
      this.log.info({ blockHash, root }, 'payload VALID by verified proof');
      return resultResponse(id, { status: 'VALID', latestValidHash: blockHash, validationError: null } satisfies PayloadStatus);
    }
    return resultResponse(id, { status: 'SYNCING', latestValidHash: null, validationError: null } satisfies PayloadStatus);
  }

  /**
   * Amsterdam: the payload is checked (block hash over the block access list hash and slot
   * number, the list's RLP shape, versioned hashes) but never VALID, since no proof of an
   * Amsterdam block can exist yet; SYNCING keeps the beacon node optimistic.
   */
  private newPayloadV5(id: JsonRpcResponse['id'], params: unknown): JsonRpcResponse {
    let request;
    try {
      request = parseNewPayloadV5Params(params);
    } catch (e) {
      if (e instanceof PayloadError) return errorResponse(id, RPC_INVALID_PARAMS, e.message);
      throw e;
    }
    const inconsistent = checkAmsterdamConsistency(request);
    if (inconsistent) return resultResponse(id, { status: 'INVALID', latestValidHash: null, validationError: inconsistent } satisfies PayloadStatus);
    this.log.info({ blockHash: request.base.payload.blockHash, reason: AMSTERDAM_UNPROVABLE }, 'Amsterdam payload answered SYNCING');
    return resultResponse(id, { status: 'SYNCING', latestValidHash: null, validationError: null } satisfies PayloadStatus);
  }

  private forkchoiceUpdated(id: JsonRpcResponse['id'], params: unknown): JsonRpcResponse {
    if (!Array.isArray(params) || params.length < 1 || params.length > 2) return errorResponse(id, RPC_INVALID_PARAMS, 'expected [forkchoiceState, payloadAttributes]');
    const state = params[0] as { headBlockHash?: unknown } | null;
    const head = state?.headBlockHash;
    if (typeof head !== 'string' || !/^0x[0-9a-fA-F]{64}$/.test(head)) return errorResponse(id, RPC_INVALID_PARAMS, 'forkchoiceState.headBlockHash must be 32 bytes of hex');
    if (!this.book.isValidBlock(head)) {
      return resultResponse(id, { payloadStatus: { status: 'SYNCING', latestValidHash: null, validationError: null }, payloadId: null });
    }
    if (params[1] !== undefined && params[1] !== null) {
      return errorResponse(id, INVALID_PAYLOAD_ATTRIBUTES, 'proof-only mode: forkchoice applied, but oneproof builds no payloads');
    }
    return resultResponse(id, { payloadStatus: { status: 'VALID', latestValidHash: head.toLowerCase(), validationError: null }, payloadId: null });
  }
}
