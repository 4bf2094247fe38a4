// A real EthereumJS execution client on loopback: generated genesis, JWT-protected Engine API, its
// regular JSON-RPC with the debug namespace, no peers. `stop` sends SIGTERM and, after a grace
// period, SIGKILL (the client takes 10-15 s to exit on its own).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { devnetGenesis } from './genesis.js';
import { LOOPBACK_PRELOAD } from './loopback.js';
import { freePorts } from './ports.js';

export interface ExecutionClientProcess {
  rpcUrl: string;
  engineUrl: string;
  jwtSecretPath: string;
  genesisTimestamp: number;
  pid: number;
  /** Last lines of the client's output, for error messages. */
  output(): string;
  stop(graceMs?: number): Promise<void>;
}

function clientCli(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve('@ethereumjs/client/package.json');
  return path.join(path.dirname(pkg), 'dist', 'esm', 'bin', 'cli.js');
}

async function waitForRpc(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`execution client exited with code ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }), signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`execution client did not answer on ${url} within ${timeoutMs} ms:\n${output()}`);
}

export async function startExecutionClient(dir: string, opts: { jwtSecretPath?: string; startupTimeoutMs?: number } = {}): Promise<ExecutionClientProcess> {
  mkdirSync(dir, { recursive: true });
  const [rpcPort, enginePort, p2pPort] = await freePorts(3);
  const genesisTimestamp = Math.floor(Date.now() / 1000);
  const genesisPath = path.join(dir, 'genesis.json');
  writeFileSync(genesisPath, JSON.stringify(devnetGenesis(genesisTimestamp), null, 1));
  const jwtSecretPath = opts.jwtSecretPath ?? path.join(dir, 'jwt.hex');
  if (!opts.jwtSecretPath) writeFileSync(jwtSecretPath, randomBytes(32).toString('hex'));
  const preload = path.join(dir, 'loopback.cjs');
  writeFileSync(preload, LOOPBACK_PRELOAD);
  const args = [
    '--require', preload, clientCli(),
    '--gethGenesis', genesisPath,
    '--dataDir', path.join(dir, 'data'),
    '--rpc', '--rpcAddr', '127.0.0.1', '--rpcPort', String(rpcPort),
    '--rpcEngine', '--rpcEngineAddr', '127.0.0.1', '--rpcEnginePort', String(enginePort),
    '--jwtSecret', jwtSecretPath,
    '--port', String(p2pPort),
    '--discV4', 'false', '--discDns', 'false', '--maxPeers', '0',
    '--isSingleNode', '--logFile', 'false', '--extIP', '127.0.0.1',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  const keep = (b: Buffer) => {
    lines.push(...b.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 200) lines.splice(0, lines.length - 200);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const output = () => lines.slice(-40).join('\n');
  const rpcUrl = `http://127.0.0.1:${rpcPort}`;
  try {
    await waitForRpc(rpcUrl, child, output, opts.startupTimeoutMs ?? 60_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  return {
    rpcUrl,
    engineUrl: `http://127.0.0.1:${enginePort}`,
    jwtSecretPath,
    genesisTimestamp,
    pid: child.pid!,
    output,
    async stop(graceMs = 2000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}
