import { loadAddon } from './loader.js';

export interface BuildInfo { compiler: string; avx512: boolean; release: boolean }

export function buildInfo(): BuildInfo {
  return loadAddon<{ buildInfo: BuildInfo }>().buildInfo;
}
