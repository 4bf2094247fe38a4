// The shipped config files (config/*.toml) load through the real config loader: every key exists
// in the schema and every value validates. A typo in a file or a renamed key makes this fail.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { root } from './helpers.js';

const files = { devnet: 'prover', hoodi: 'prover', mainnet: 'verifier' } as const;

describe('config/*.toml', () => {
  for (const [network, role] of Object.entries(files)) {
    it(`${network}.toml loads and validates`, () => {
      const file = path.join(root, 'config', `${network}.toml`);
      const { config, origins } = loadConfig({ args: ['--config', file], env: {} });
      expect(config.network).toBe(network);
      expect(config.role).toBe(role);
      expect(origins.get('network')).toBe(`file ${file}`);
      expect(path.isAbsolute(config.jwtSecret ?? '')).toBe(true);
    });
  }

  it('a flag still overrides the file', () => {
    const file = path.join(root, 'config', 'devnet.toml');
    const { config } = loadConfig({ args: ['--config', file, '--api.port', '3999'], env: {} });
    expect(config.api.port).toBe(3999);
  });
});
