// NewPayloadRequest between its SSZ form (zkboost's proof-request body) and the Engine API's
// JSON params (engine_newPayloadV4), so a request from either side runs through one pipeline.
import { hexlify, toQuantity } from 'ethers';
import { ExecutionRequests, NewPayloadRequestElectra } from './request-root.js';
import { PayloadError } from './payload.js';

const { deposits, withdrawals, consolidations } = ExecutionRequests.fields;

/** SSZ NewPayloadRequest (Electra/Prague) → engine_newPayloadV4 params. */
export function sszToEngineParams(bytes: Uint8Array): unknown[] {
  let v;
  try {
    v = NewPayloadRequestElectra.deserialize(bytes);
  } catch (e) {
    throw new PayloadError(`body is not an SSZ NewPayloadRequest: ${(e as Error).message}`);
  }
  const p = v.executionPayload;
  const payload = {
    parentHash: hexlify(p.parentHash),
    feeRecipient: hexlify(p.feeRecipient),
    stateRoot: hexlify(p.stateRoot),
    receiptsRoot: hexlify(p.receiptsRoot),
    logsBloom: hexlify(p.logsBloom),
    prevRandao: hexlify(p.prevRandao),
    blockNumber: toQuantity(p.blockNumber),
    gasLimit: toQuantity(p.gasLimit),
    gasUsed: toQuantity(p.gasUsed),
    timestamp: toQuantity(p.timestamp),
    extraData: hexlify(p.extraData),
    baseFeePerGas: toQuantity(p.baseFeePerGas),
    blockHash: hexlify(p.blockHash),
    transactions: p.transactions.map((t) => hexlify(t)),
    withdrawals: p.withdrawals.map((w) => ({ index: toQuantity(w.index), validatorIndex: toQuantity(w.validatorIndex), address: hexlify(w.address), amount: toQuantity(w.amount) })),
    blobGasUsed: toQuantity(p.blobGasUsed),
    excessBlobGas: toQuantity(p.excessBlobGas),
  };
  // Engine API form: type byte ‖ SSZ list, ascending type, empty lists left out (EIP-7685).
  const r = v.executionRequests;
  const typed: [number, Uint8Array][] = [
    [0, r.deposits.length ? deposits.serialize(r.deposits) : new Uint8Array()],
    [1, r.withdrawals.length ? withdrawals.serialize(r.withdrawals) : new Uint8Array()],
    [2, r.consolidations.length ? consolidations.serialize(r.consolidations) : new Uint8Array()],
  ];
  const requests = typed.filter(([, ssz]) => ssz.length > 0).map(([type, ssz]) => hexlify(new Uint8Array([type, ...ssz])));
  return [payload, v.versionedHashes.map((h) => hexlify(h)), hexlify(v.parentBeaconBlockRoot), requests];
}
