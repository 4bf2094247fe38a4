// SSZ containers of the pinned EIP-8025 version (see constants.ts) and the signing helpers' containers.
import './ssz-hasher.js';
import { ByteListType, ByteVectorType, ContainerType, ListCompositeType, UintNumberType, type ValueOf } from '@chainsafe/ssz';
import { MAX_PROOF_SIZE, MAX_REQUEST_BLOCKS_DENEB } from './constants.js';

const Root = new ByteVectorType(32);
const Uint8 = new UintNumberType(1);
const Uint64 = new UintNumberType(8);

export const PublicInput = new ContainerType({ newPayloadRequestRoot: Root }, { typeName: 'PublicInput' });

export const ExecutionProof = new ContainerType(
  {
    proofData: new ByteListType(MAX_PROOF_SIZE),
    proofType: Uint8,
    publicInput: PublicInput,
  },
  { typeName: 'ExecutionProof' },
);

export const SignedExecutionProof = new ContainerType(
  {
    message: ExecutionProof,
    validatorIndex: Uint64,
    signature: new ByteVectorType(96),
  },
  { typeName: 'SignedExecutionProof' },
);

/** Request of the catch-up protocol: the new_payload_request_roots whose proofs the caller lacks. */
export const ProofsByRootRequest = new ListCompositeType(Root, MAX_REQUEST_BLOCKS_DENEB);

/** phase0 ForkData and SigningData, for fork digests, domains and signing roots. */
export const ForkData = new ContainerType({ currentVersion: new ByteVectorType(4), genesisValidatorsRoot: Root });
export const SigningData = new ContainerType({ objectRoot: Root, domain: new ByteVectorType(32) });

export type ExecutionProof = ValueOf<typeof ExecutionProof>;
export type SignedExecutionProof = ValueOf<typeof SignedExecutionProof>;
