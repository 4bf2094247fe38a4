// libp2p 3 uses Promise.withResolvers, which Node 20 lacks.
import '../src/util/polyfills.js';
