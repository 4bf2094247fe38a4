// hash_tree_root of a multi-MiB proof dominates validation with SSZ's default WASM hasher (~70 ms
// per MiB); the native SIMD `hashtree` hasher Lodestar uses is ~15x faster with identical roots.
// The hasher is process-wide, so this must load before any SSZ hashing; fall back silently
// where the native binding is unavailable.
import { setHasher } from '@chainsafe/persistent-merkle-tree';

try {
  const { hasher } = await import('@chainsafe/persistent-merkle-tree/hasher/hashtree');
  setHasher(hasher);
} catch {
  // Keep the default hasher: slower, same results.
}

export {};
