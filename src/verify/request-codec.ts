// NewPayloadRequest between its SSZ form (zkboost's proof-request body) and the Engine API's
// JSON params (engine_newPayloadV4), so a request from either side runs through one pipeline.
import { hexlify, toQuantity } from 'ethers';
import { NewPayloadRequestElectra, DepositRequest, WithdrawalRequest, ConsolidationRequest } from './request-root.js';
import { ListCompositeType } from '@chainsafe/ssz';
import { PayloadError } from './payload.js';

const lists = [
  new ListCompositeType(DepositRequest, 8192),
  new ListCompositeType(WithdrawalRequest, 16),
  new ListCompositeType(ConsolidationRequest, 2),
] as const;

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
  const r = v.executionRequests;
  const requests: string[] = [];
  const parts = [r.deposits, r.withdrawals, r.consolidations] as const;
  parts.forEach((list, type) => {
    if (list.length === 0) return;
    const ssz = (lists[type] as ListCompositeType<typeof DepositRequest>).serialize(list as never);
    requests.push(hexlify(new Uint8Array([type, ...ssz])));
  });
  return [payload, v.versionedHashes.map((h) => hexlify(h)), hexlify(v.parentBeaconBlockRoot), requests];
}
