// The execution witness in debug_executionWitness shape: RLP trie nodes, bytecodes and ancestor
// headers (ascending, ending with the parent), all 0x-hex.
export interface ExecutionWitness {
  state: string[];
  codes: string[];
  headers: string[];
  keys?: string[];
}

export type WitnessSourceName = 'el-witness' | 'preflight';

export interface WitnessResult {
  witness: ExecutionWitness;
  source: WitnessSourceName;
}

/** Gets the witness of a block the execution client already holds. */
export interface WitnessProvider {
  fetch(blockHash: string, blockNumber: number): Promise<WitnessResult>;
}

export function isWitness(x: unknown): x is ExecutionWitness {
  if (typeof x !== 'object' || x === null) return false;
  const w = x as Record<string, unknown>;
  const hexList = (v: unknown) => Array.isArray(v) && v.every((s) => typeof s === 'string' && /^0x([0-9a-fA-F]{2})*$/.test(s));
  return hexList(w.state) && hexList(w.codes) && hexList(w.headers) && (w.keys === undefined || w.keys === null || hexList(w.keys));
}
