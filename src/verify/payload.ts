// The engine_newPayload request, parsed and checked once, so every later step works on typed,
// well-formed values and a malformed request is one clear error.
export type Hex = `0x${string}`;

export interface WithdrawalV1 {
  index: bigint;
  validatorIndex: bigint;
  address: Hex;
  amount: bigint;
}

export interface ExecutionPayload {
  parentHash: Hex;
  feeRecipient: Hex;
  stateRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  prevRandao: Hex;
  blockNumber: bigint;
  gasLimit: bigint;
  gasUsed: bigint;
  timestamp: bigint;
  extraData: Hex;
  baseFeePerGas: bigint;
  blockHash: Hex;
  transactions: Hex[];
  withdrawals: WithdrawalV1[];
  blobGasUsed: bigint;
  excessBlobGas: bigint;
}

/** What engine_newPayloadV3/V4 carries: the payload and the beacon-block fields bound to it. */
export interface NewPayloadRequest {
  version: 3 | 4;
  payload: ExecutionPayload;
  versionedHashes: Hex[];
  parentBeaconBlockRoot: Hex;
  /** V4 (Prague): type-prefixed request lists; null for V3. */
  executionRequests: Hex[] | null;
}

export class PayloadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadError';
  }
}

function data(v: unknown, field: string, bytes?: number, maxBytes?: number): Hex {
  if (typeof v !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(v)) throw new PayloadError(`${field}: expected 0x-prefixed even-length hex`);
  const len = (v.length - 2) / 2;
  if (bytes !== undefined && len !== bytes) throw new PayloadError(`${field}: expected ${bytes} bytes, got ${len}`);
  if (maxBytes !== undefined && len > maxBytes) throw new PayloadError(`${field}: at most ${maxBytes} bytes, got ${len}`);
  return v.toLowerCase() as Hex;
}

function quantity(v: unknown, field: string, maxBits = 64): bigint {
  if (typeof v !== 'string' || !/^0x(0|[1-9a-fA-F][0-9a-fA-F]*)$/.test(v)) throw new PayloadError(`${field}: expected a 0x quantity without leading zeros`);
  const n = BigInt(v);
  if (n >= 1n << BigInt(maxBits)) throw new PayloadError(`${field}: exceeds ${maxBits} bits`);
  return n;
}

function list<T>(v: unknown, field: string, each: (x: unknown, f: string) => T): T[] {
  if (!Array.isArray(v)) throw new PayloadError(`${field}: expected an array`);
  return v.map((x, i) => each(x, `${field}[${i}]`));
}

function object(v: unknown, field: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new PayloadError(`${field}: expected an object`);
  return v as Record<string, unknown>;
}

export function parseExecutionPayload(v: unknown): ExecutionPayload {
  const p = object(v, 'executionPayload');
  return {
    parentHash: data(p.parentHash, 'parentHash', 32),
    feeRecipient: data(p.feeRecipient, 'feeRecipient', 20),
    stateRoot: data(p.stateRoot, 'stateRoot', 32),
    receiptsRoot: data(p.receiptsRoot, 'receiptsRoot', 32),
    logsBloom: data(p.logsBloom, 'logsBloom', 256),
    prevRandao: data(p.prevRandao, 'prevRandao', 32),
    blockNumber: quantity(p.blockNumber, 'blockNumber'),
    gasLimit: quantity(p.gasLimit, 'gasLimit'),
    gasUsed: quantity(p.gasUsed, 'gasUsed'),
    timestamp: quantity(p.timestamp, 'timestamp'),
    extraData: data(p.extraData, 'extraData', undefined, 32),
    baseFeePerGas: quantity(p.baseFeePerGas, 'baseFeePerGas', 256),
    blockHash: data(p.blockHash, 'blockHash', 32),
    transactions: list(p.transactions, 'transactions', (x, f) => data(x, f)),
    withdrawals: list(p.withdrawals, 'withdrawals', (x, f) => {
      const w = object(x, f);
      return {
        index: quantity(w.index, `${f}.index`),
        validatorIndex: quantity(w.validatorIndex, `${f}.validatorIndex`),
        address: data(w.address, `${f}.address`, 20),
        amount: quantity(w.amount, `${f}.amount`),
      };
    }),
    blobGasUsed: quantity(p.blobGasUsed, 'blobGasUsed'),
    excessBlobGas: quantity(p.excessBlobGas, 'excessBlobGas'),
  };
}

/** Parses the params of engine_newPayloadV3 or V4. */
export function parseNewPayloadParams(version: number, params: unknown): NewPayloadRequest {
  if (version !== 3 && version !== 4) throw new PayloadError(`engine_newPayloadV${version} is not supported (V3 and V4 are)`);
  if (!Array.isArray(params)) throw new PayloadError('params: expected an array');
  const expected = version === 3 ? 3 : 4;
  if (params.length !== expected) throw new PayloadError(`params: engine_newPayloadV${version} takes ${expected} parameters, got ${params.length}`);
  const executionRequests =
    version === 4
      ? list(params[3], 'executionRequests', (x, f) => {
          const d = data(x, f);
          if (d.length <= 4) throw new PayloadError(`${f}: empty requests must be left out`);
          return d;
        })
      : null;
  if (executionRequests) {
    for (let i = 1; i < executionRequests.length; i++) {
      if (executionRequests[i].slice(0, 4) <= executionRequests[i - 1].slice(0, 4)) {
        throw new PayloadError('executionRequests: request types must be strictly ascending');
      }
    }
  }
  return {
    version,
    payload: parseExecutionPayload(params[0]),
    versionedHashes: list(params[1], 'expectedBlobVersionedHashes', (x, f) => data(x, f, 32)),
    parentBeaconBlockRoot: data(params[2], 'parentBeaconBlockRoot', 32),
    executionRequests,
  };
}

/** `engine_newPayloadV4` → 4; null for other methods. */
export function newPayloadVersion(method: string): number | null {
  const m = /^engine_newPayloadV(\d+)$/.exec(method);
  return m ? Number(m[1]) : null;
}
