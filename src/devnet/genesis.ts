// A geth-style genesis for a private Prague chain: every fork active at 0, a prefunded dev account,
// and the system contracts the protocol calls (EIP-4788 beacon roots, EIP-2935 block hashes,
// EIP-7002 withdrawals, EIP-7251 consolidations, the deposit contract), with code and storage as
// @ethereumjs/genesis lists them for Hoodi.
import { getGenesis } from '@ethereumjs/genesis';
import { Wallet } from 'ethers';

/** The well-known first development key (Hardhat/Anvil account 0); public, devnet only. */
export const DEV_PRIVATE_KEY = '0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80';
export const DEV_ADDRESS = new Wallet(DEV_PRIVATE_KEY).address;
export const DEVNET_CHAIN_ID = 1337;
const HOODI_CHAIN_ID = 560048;

export const SYSTEM_CONTRACT_ADDRESSES = {
  beaconRoots: '0x000f3df6d732807ef1319fb7b8bb8522d0beac02',
  historyStorage: '0x0000f90827f1c53a10cb7a02335b175320002935',
  withdrawalRequests: '0x00000961ef480eb55e80d19ad83579a64c007002',
  consolidationRequests: '0x0000bbddc7ce488642fb579f8b00f3a590007251',
  depositContract: '0x00000000219ab540356cbb839cbe05303d7705fa',
};

type AllocEntry = { balance: string; code?: string; storage?: Record<string, string>; nonce?: string };
type GenesisAccount = [string, string, [string, string][], string];

export function devnetGenesis(timestamp: number, chainId = DEVNET_CHAIN_ID): Record<string, unknown> {
  const hoodi = getGenesis(HOODI_CHAIN_ID) as unknown as Record<string, GenesisAccount> | undefined;
  if (!hoodi) throw new Error('@ethereumjs/genesis lacks the Hoodi state');
  const alloc: Record<string, AllocEntry> = {};
  for (const address of Object.values(SYSTEM_CONTRACT_ADDRESSES)) {
    const acct = hoodi[address];
    if (!acct) throw new Error(`@ethereumjs/genesis has no account ${address}`);
    const [, code, storage, nonce] = acct;
    alloc[address] = { balance: '0x0', code, storage: Object.fromEntries(storage ?? []), nonce: nonce ?? '0x1' };
  }
  alloc[DEV_ADDRESS.toLowerCase()] = { balance: '0x' + (10n ** 24n).toString(16) };
  return {
    config: {
      chainId,
      homesteadBlock: 0,
      eip150Block: 0,
      eip155Block: 0,
      eip158Block: 0,
      byzantiumBlock: 0,
      constantinopleBlock: 0,
      petersburgBlock: 0,
      istanbulBlock: 0,
      berlinBlock: 0,
      londonBlock: 0,
      mergeNetsplitBlock: 0,
      terminalTotalDifficulty: 0,
      terminalTotalDifficultyPassed: true,
      shanghaiTime: 0,
      cancunTime: 0,
      pragueTime: 0,
      depositContractAddress: SYSTEM_CONTRACT_ADDRESSES.depositContract,
      blobSchedule: {
        cancun: { target: 3, max: 6, baseFeeUpdateFraction: 3338477 },
        prague: { target: 6, max: 9, baseFeeUpdateFraction: 5007716 },
      },
    },
    nonce: '0x0',
    timestamp: '0x' + timestamp.toString(16),
    extraData: '0x',
    gasLimit: '0x2255100',
    difficulty: '0x0',
    mixHash: '0x' + '00'.repeat(32),
    coinbase: '0x' + '00'.repeat(20),
    baseFeePerGas: '0x3b9aca00',
    alloc,
  };
}
