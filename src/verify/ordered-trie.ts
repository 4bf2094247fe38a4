// Root of a Merkle-Patricia trie keyed by rlp(index): how blocks commit to their transaction and
// withdrawal lists. Built recursively from the sorted key paths (no database needed).
import { encodeRlp, getBytes, keccak256, toBeHex, type RlpStructuredDataish } from 'ethers';

type Item = { path: number[]; value: string };

function nibbles(bytes: Uint8Array): number[] {
  const out: number[] = [];
  for (const b of bytes) out.push(b >> 4, b & 15);
  return out;
}

/** Hex-prefix encoding of a nibble path (Yellow Paper appendix C). */
function hexPrefix(path: number[], leaf: boolean): string {
  const flag = (leaf ? 2 : 0) + (path.length % 2);
  const all = path.length % 2 ? [flag, ...path] : [flag, 0, ...path];
  let hex = '0x';
  for (let i = 0; i < all.length; i += 2) hex += ((all[i] << 4) | all[i + 1]).toString(16).padStart(2, '0');
  return hex;
}

/** A child reference: the node itself when its encoding is under 32 bytes, else its hash. */
function ref(node: RlpStructuredDataish): RlpStructuredDataish {
  const enc = encodeRlp(node);
  return getBytes(enc).length < 32 ? node : keccak256(enc);
}

function build(items: Item[], depth: number): RlpStructuredDataish {
  if (items.length === 1) return [hexPrefix(items[0].path.slice(depth), true), items[0].value];
  let common = 0;
  const first = items[0].path;
  while (depth + common < first.length && items.every((it) => it.path.length > depth + common && it.path[depth + common] === first[depth + common])) common++;
  if (common > 0) return [hexPrefix(first.slice(depth, depth + common), false), ref(build(items, depth + common))];
  const branch: RlpStructuredDataish[] = [];
  for (let n = 0; n < 16; n++) {
    const sub = items.filter((it) => it.path.length > depth && it.path[depth] === n);
    branch.push(sub.length ? ref(build(sub, depth + 1)) : '0x');
  }
  const here = items.find((it) => it.path.length === depth);
  branch.push(here ? here.value : '0x');
  return branch;
}

export const EMPTY_TRIE_ROOT = keccak256(encodeRlp('0x'));

/** values[i] is stored under rlp(i); values are the raw leaf bytes (0x hex). */
export function orderedTrieRoot(values: string[]): string {
  if (values.length === 0) return EMPTY_TRIE_ROOT;
  const items = values.map((value, i) => ({ path: nibbles(getBytes(encodeRlp(i === 0 ? '0x' : toBeHex(i)))), value }));
  return keccak256(encodeRlp(build(items, 0)));
}
