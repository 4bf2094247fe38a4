// new_payload_request_root = hash_tree_root(NewPayloadRequest), the public input of an EIP-8025
// proof. SSZ types of the Deneb payload and the Electra execution requests (consensus-specs).
import { ByteListType, ByteVectorType, ContainerType, ListCompositeType, UintBigintType, type ValueOf } from '@chainsafe/ssz';
import { getBytes } from 'ethers';
import { PayloadError, type Hex, type NewPayloadRequest } from './payload.js';

const Bytes20 = new ByteVectorType(20);
const Bytes32 = new ByteVectorType(32);
const Bytes48 = new ByteVectorType(48);
const Bytes96 = new ByteVectorType(96);
const Uint64 = new UintBigintType(8);
const Uint256 = new UintBigintType(32);

const Withdrawal = new ContainerType({ index: Uint64, validatorIndex: Uint64, address: Bytes20, amount: Uint64 });

export const ExecutionPayloadDeneb = new ContainerType({
  parentHash: Bytes32,
  feeRecipient: Bytes20,
  stateRoot: Bytes32,
  receiptsRoot: Bytes32,
  logsBloom: new ByteVectorType(256),
  prevRandao: Bytes32,
  blockNumber: Uint64,
  gasLimit: Uint64,
  gasUsed: Uint64,
  timestamp: Uint64,
  extraData: new ByteListType(32),
  baseFeePerGas: Uint256,
  blockHash: Bytes32,
  transactions: new ListCompositeType(new ByteListType(2 ** 30), 2 ** 20),
  withdrawals: new ListCompositeType(Withdrawal, 16),
  blobGasUsed: Uint64,
  excessBlobGas: Uint64,
});

export const DepositRequest = new ContainerType({ pubkey: Bytes48, withdrawalCredentials: Bytes32, amount: Uint64, signature: Bytes96, index: Uint64 });
export const WithdrawalRequest = new ContainerType({ sourceAddress: Bytes20, validatorPubkey: Bytes48, amount: Uint64 });
export const ConsolidationRequest = new ContainerType({ sourceAddress: Bytes20, sourcePubkey: Bytes48, targetPubkey: Bytes48 });

const DepositRequests = new ListCompositeType(DepositRequest, 8192);
const WithdrawalRequests = new ListCompositeType(WithdrawalRequest, 16);
const ConsolidationRequests = new ListCompositeType(ConsolidationRequest, 2);
export const ExecutionRequests = new ContainerType({ deposits: DepositRequests, withdrawals: WithdrawalRequests, consolidations: ConsolidationRequests });

const VersionedHashes = new ListCompositeType(Bytes32, 4096);

export const NewPayloadRequestDeneb = new ContainerType({ executionPayload: ExecutionPayloadDeneb, versionedHashes: VersionedHashes, parentBeaconBlockRoot: Bytes32 });
export const NewPayloadRequestElectra = new ContainerType({
  executionPayload: ExecutionPayloadDeneb,
  versionedHashes: VersionedHashes,
  parentBeaconBlockRoot: Bytes32,
  executionRequests: ExecutionRequests,
});

function payloadValue(req: NewPayloadRequest): ValueOf<typeof ExecutionPayloadDeneb> {
  const p = req.payload;
  return {
    parentHash: getBytes(p.parentHash),
    feeRecipient: getBytes(p.feeRecipient),
    stateRoot: getBytes(p.stateRoot),
    receiptsRoot: getBytes(p.receiptsRoot),
    logsBloom: getBytes(p.logsBloom),
    prevRandao: getBytes(p.prevRandao),
    blockNumber: p.blockNumber,
    gasLimit: p.gasLimit,
    gasUsed: p.gasUsed,
    timestamp: p.timestamp,
    extraData: getBytes(p.extraData),
    baseFeePerGas: p.baseFeePerGas,
    blockHash: getBytes(p.blockHash),
    transactions: p.transactions.map((t) => getBytes(t)),
    withdrawals: p.withdrawals.map((w) => ({ index: w.index, validatorIndex: w.validatorIndex, address: getBytes(w.address), amount: w.amount })),
    blobGasUsed: p.blobGasUsed,
    excessBlobGas: p.excessBlobGas,
  };
}

/** Engine API request lists (type byte ‖ SSZ list) into the Electra container. */
export function decodeExecutionRequests(requests: Hex[]): ValueOf<typeof ExecutionRequests> {
  const out: ValueOf<typeof ExecutionRequests> = { deposits: [], withdrawals: [], consolidations: [] };
  for (const r of requests) {
    const bytes = getBytes(r);
    const body = bytes.subarray(1);
    try {
      if (bytes[0] === 0) out.deposits = DepositRequests.deserialize(body);
      else if (bytes[0] === 1) out.withdrawals = WithdrawalRequests.deserialize(body);
      else if (bytes[0] === 2) out.consolidations = ConsolidationRequests.deserialize(body);
      else throw new PayloadError(`executionRequests: unknown request type ${bytes[0]}`);
    } catch (e) {
      if (e instanceof PayloadError) throw e;
      throw new PayloadError(`executionRequests: type ${bytes[0]} list is not valid SSZ: ${(e as Error).message}`);
    }
  }
  return out;
}

/** The Electra (Prague) SSZ value of a V4 request, e.g. to serialize it for a proof engine. */
export function newPayloadRequestElectraValue(req: NewPayloadRequest): ValueOf<typeof NewPayloadRequestElectra> {
  if (req.executionRequests === null) throw new PayloadError('a V3 request has no execution requests (Deneb shape)');
  return {
    executionPayload: payloadValue(req),
    versionedHashes: req.versionedHashes.map((h) => getBytes(h)),
    parentBeaconBlockRoot: getBytes(req.parentBeaconBlockRoot),
    executionRequests: decodeExecutionRequests(req.executionRequests),
  };
}

export function newPayloadRequestRoot(req: NewPayloadRequest): Uint8Array {
  if (req.executionRequests !== null) return NewPayloadRequestElectra.hashTreeRoot(newPayloadRequestElectraValue(req));
  return NewPayloadRequestDeneb.hashTreeRoot({
    executionPayload: payloadValue(req),
    versionedHashes: req.versionedHashes.map((h) => getBytes(h)),
    parentBeaconBlockRoot: getBytes(req.parentBeaconBlockRoot),
  });
}
