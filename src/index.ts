// The oneproof package: the sidecar's building blocks for embedding and tests.
export * as native from './native/index.js';
