import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { envName, flagName, loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/schema.js';
import { parseToml } from '../../src/config/toml.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'oneproof-config-'));
const jwt = path.join(dir, 'jwt.hex');
writeFileSync(jwt, 'ab'.repeat(32));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('config', () => {
  it('names flags and variables after the keys', () => {
    expect(flagName('execution.urls')).toBe('--execution.urls');
    expect(flagName('jwtSecret')).toBe('--jwt-secret');
    expect(flagName('dataDir')).toBe('--data-dir');
    expect(envName('api.port')).toBe('ONEPROOF_API_PORT');
    expect(envName('execution.urls')).toBe('ONEPROOF_EXECUTION_URLS');
  });

  it('merges flag > env > file > defaults', () => {
    const cfg = file('a.json', JSON.stringify({ network: 'hoodi', api: { port: 1111 }, engine: { port: 2222 }, jwtSecret: 'jwt.hex', execution: { urls: ['http://file:8551'] } }));
    const env = { ONEPROOF_API_PORT: '3333', ONEPROOF_NETWORK: 'sepolia' };
    const { config, origins } = loadConfig({ args: ['--config', cfg, '--api.port', '4444'], env });
    expect(config.api.port).toBe(4444); // flag beats env and file
    expect(config.network).toBe('sepolia'); // env beats file
    expect(config.engine.port).toBe(2222); // file beats default
    expect(config.prover.workers).toBe(1); // default
    expect(config.jwtSecret).toBe(jwt); // relative to the file
    expect(config.execution.urls).toEqual(['http://file:8551']);
    expect(origins.get('api.port')).toBe('flags');
  });

  it('reads TOML files and list/boolean values from env and flags', () => {
    const cfg = file('b.toml', `# oneproof\nrole = "verifier"\njwtSecret = "${jwt}"\n[p2p]\nenabled = true\nlisten = ["/ip4/127.0.0.1/tcp/9000"]\n[prover]\nworkers = 2 # two GPUs\n`);
    const { config } = loadConfig({ args: ['--config', cfg, '--p2p.bootstrap=/ip4/127.0.0.1/tcp/9001/p2p/QmPeer'], env: { ONEPROOF_P2P_ENABLED: 'false' } });
    expect(config.role).toBe('verifier');
    expect(config.prover.workers).toBe(2);
    expect(config.p2p.enabled).toBe(false);
    expect(config.p2p.listen).toEqual(['/ip4/127.0.0.1/tcp/9000']);
    expect(config.p2p.bootstrap).toEqual(['/ip4/127.0.0.1/tcp/9001/p2p/QmPeer']);
  });

  it('gives clear errors naming key and origin', () => {
    const base = ['--jwt-secret', jwt, '--execution.urls', 'http://127.0.0.1:8551'];
    expect(() => loadConfig({ args: [...base, '--api.port', '70000'], env: {} })).toThrow(/api\.port \(flags\): must be a port/);
    expect(() => loadConfig({ args: [...base, '--role', 'watcher'], env: {} })).toThrow(/role \(flags\)/);
    expect(() => loadConfig({ args: base, env: { ONEPROOF_ENGINE_PORT: 'abc' } })).toThrow(/engine\.port \(env ONEPROOF_ENGINE_PORT\): expected a number/);
    expect(() => loadConfig({ args: ['--jwt-secret', jwt], env: {} })).toThrow(/a prover needs an execution client/);
    expect(() => loadConfig({ args: [...base, '--bogus', '1'], env: {} })).toThrow(/unknown option --bogus/);
    expect(() => loadConfig({ args: [...base, '--execution.urls', 'ftp://x'], env: {} })).toThrow(/execution\.urls/);
    expect(() => loadConfig({ args: ['--config', file('c.json', '{"api": {"prot": 1}}')], env: {} })).toThrow(/unknown setting api\.prot/);
    expect(() => loadConfig({ args: ['--config', file('d.json', '{not json')], env: {} })).toThrow(/not valid JSON/);
    expect(() => loadConfig({ args: ['--config', path.join(dir, 'missing.json')], env: {} })).toThrow(ConfigError);
    expect(() => loadConfig({ args: [...base, '--api.port'], env: {} })).toThrow(/needs a value/);
  });

  it('proof-only mode needs no execution client but still a JWT secret', () => {
    expect(loadConfig({ args: ['--role', 'verifier', '--jwt-secret', jwt], env: {} }).config.role).toBe('verifier');
    expect(() => loadConfig({ args: ['--role', 'verifier'], env: {} })).toThrow(/jwtSecret/);
  });

  it('TOML reader refuses what it does not understand', () => {
    expect(parseToml('a = 1\n[b.c]\nd = "x" # c\ne = [1, 2]')).toEqual({ a: 1, b: { c: { d: 'x', e: [1, 2] } } });
    expect(() => parseToml('a = \n')).toThrow(/line 1/);
    expect(() => parseToml('a = 1\na = 2')).toThrow(/duplicate/);
    expect(() => parseToml('a = "open')).toThrow(/unterminated/);
    expect(() => parseToml('just words')).toThrow(/line 1/);
  });
});
