// `oneproof/native`: typed access to the native proof system, zkVM and block validator.
// Each area has its own module; add one export line per module.
export { loadAddon, projectRoot } from './loader.js';
export { buildInfo } from './build-info.js';
