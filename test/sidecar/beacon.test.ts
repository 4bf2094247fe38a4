// The beacon API link (`src/beacon/`) against a real HTTP beacon-node stand-in: proofs posted to
// the EIP-8025 endpoint as SSZ, retried off the proving path, dropped on 404/400, counted when the
// node is down; head and execution_payload events followed through malformed data, unknown topics
// and a node restart; stale jobs retired by the beacon head; `oneproof run --beacon.url`.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ListCompositeType } from '@chainsafe/ssz';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture } from '../fixtures.js';
import { BeaconHeadFollower } from '../../src/beacon/head-follower.js';
import { BeaconProofPublisher, type PublishFailure } from '../../src/beacon/proof-publisher.js';
import { EIP8025_SUBMIT_PROOFS_PATH } from '../../src/beacon/endpoints.js';
import { SseParser, type SseEvent } from '../../src/beacon/event-stream.js';
import { defaultConfig } from '../../src/config/defaults.js';
import { silentLogger } from '../../src/log/logger.js';
import { SignedExecutionProof } from '../../src/p2p/containers.js';
import { Sidecar } from '../../src/sidecar/sidecar.js';
import type { WitnessProvider, WitnessResult } from '../../src/witness/types.js';
import { BeaconStandIn } from './beacon-node-stand-in.js';
import { removeTempDirs, tempDir, waitFor } from './helpers.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const SignedExecutionProofs = new ListCompositeType(SignedExecutionProof, 4);
const ROOT_A = '0x' + 'aa'.repeat(32);
const HASH_B = '0x' + 'bb'.repeat(32);

/** A proof container for transport tests: its bytes are opaque to the publisher and the stand-in. */
function container(n: number): SignedExecutionProof {
  return {
    message: { proofData: Uint8Array.from([0xde, 0xad, n]), proofType: 0x20, publicInput: { newPayloadRequestRoot: new Uint8Array(32).fill(n) } },
    validatorIndex: 7,
    signature: new Uint8Array(96).fill(n),
  };
}

let beacon: BeaconStandIn;
beforeEach(async () => {
  beacon = new BeaconStandIn();
  await beacon.listen(0);
});
afterEach(async () => beacon.stop());
afterAll(() => removeTempDirs());

function publisher(opts: { attempts?: number; url?: string } = {}) {
  const failures: PublishFailure[] = [];
  let published = 0;
  const p = new BeaconProofPublisher({
    url: opts.url ?? beacon.url,
    log: silentLogger(),
    attempts: opts.attempts ?? 3,
    retryDelayMs: 20,
    onFailure: (r) => failures.push(r),
    onPublished: () => published++,
  });
  return { p, failures, published: () => published };
}

describe('EIP-8025 proof posting', () => {
  it('posts each proof once, as SSZ List[SignedExecutionProof] to the submission endpoint', async () => {
    const { p, failures, published } = publisher();
    expect(p.submit(container(1))).toBe(true);
    expect(p.submit(container(1))).toBe(false); // the same (root, type) again
    expect(p.submit(container(2))).toBe(true);
    await p.idle();
    expect(beacon.posted.map((x) => [x.path, x.contentType])).toEqual([
      [EIP8025_SUBMIT_PROOFS_PATH, 'application/octet-stream'],
      [EIP8025_SUBMIT_PROOFS_PATH, 'application/octet-stream'],
    ]);
    const decoded = SignedExecutionProofs.deserialize(beacon.posted[0].body);
    expect(decoded).toHaveLength(1);
    expect(SignedExecutionProof.equals(decoded[0], container(1))).toBe(true);
    expect(published()).toBe(2);
    expect(failures).toEqual([]);
    await p.close();
  });

  it('retries 5xx answers off the hot path: submit returns before any post', async () => {
    beacon.proofStatuses = [503, 500];
    const { p, failures, published } = publisher({ attempts: 3 });
    p.submit(container(3));
    expect(beacon.posted).toHaveLength(0); // submit only queued it
    await p.idle();
    expect(beacon.posted).toHaveLength(3);
    expect(failures).toEqual(['server_error', 'server_error']);
    expect(published()).toBe(1);
    await p.close();
  });

  it('gives up after the last attempt, and does not retry 404 (no endpoint) or 400 (refused)', async () => {
    beacon.proofStatuses = [502, 502, 404, 400];
    const { p, failures, published } = publisher({ attempts: 2 });
    p.submit(container(4));
    p.submit(container(5));
    p.submit(container(6));
    await p.idle();
    expect(beacon.posted).toHaveLength(4);
    expect(failures).toEqual(['server_error', 'server_error', 'no_endpoint', 'refused']);
    expect(published()).toBe(0);
    // The node serves again: later proofs go through.
    p.submit(container(7));
    await p.idle();
    expect(published()).toBe(1);
    await p.close();
  });

  it('survives a container it cannot encode: counted, and the next proof still goes out', async () => {
    const { p, failures, published } = publisher();
    const broken = container(10);
    (broken.message as { proofData?: Uint8Array }).proofData = undefined; // a caller bug, not a wire input
    p.submit(broken);
    p.submit(container(11));
    await p.idle();
    expect(failures).toEqual(['unencodable']);
    expect(published()).toBe(1);
    await p.close();
  });

  it('counts every attempt against a node that is down, and never throws to the caller', async () => {
    const port = beacon.port;
    await beacon.stop();
    const { p, failures } = publisher({ attempts: 3, url: `http://127.0.0.1:${port}` });
    expect(() => p.submit(container(8))).not.toThrow();
    await p.idle();
    expect(failures).toEqual(['unreachable', 'unreachable', 'unreachable']);
    await p.close();
    expect(p.submit(container(9))).toBe(false); // closed: nothing more is taken
  });
});

describe('SSE framing', () => {
  it('reassembles events split anywhere, joins data lines, skips comments, honours CRLF', () => {
    const got: SseEvent[] = [];
    const parser = new SseParser((e) => got.push(e));
    const text = ': keep-alive\r\nevent: head\r\ndata: {"slot":\r\ndata: "5"}\r\n\r\nretry: 250\ndata: plain\n\nevent: x\n\n';
    for (const ch of text) parser.push(ch);
    expect(got).toEqual([
      { event: 'head', data: '{"slot":\n"5"}' },
      { event: 'message', data: 'plain' },
    ]);
    expect(parser.retryMs).toBe(250);
  });
});

describe('beacon head follower', () => {
  const followers: BeaconHeadFollower[] = [];
  afterEach(async () => {
    for (const f of followers.splice(0)) await f.close();
  });
  function follow(): { f: BeaconHeadFollower; malformed: string[] } {
    const f = new BeaconHeadFollower({ url: beacon.url, log: silentLogger(), retryMs: 50 });
    const malformed: string[] = [];
    f.on('malformed', (topic, reason) => malformed.push(`${topic}: ${reason}`));
    followers.push(f);
    f.start();
    return { f, malformed };
  }

  it('follows head and execution_payload events and drops malformed ones without losing the stream', async () => {
    const { f, malformed } = follow();
    await waitFor('subscriptions', async () => beacon.listeners('head') === 1 && beacon.listeners('execution_payload') === 1);
    const heads: number[] = [];
    f.on('head', (h) => heads.push(h.slot));
    beacon.sendRaw('head', 'event: head\ndata: {not json\n\n');
    beacon.send('head', { slot: 'abc', block: ROOT_A });
    beacon.send('head', { block: ROOT_A });
    beacon.send('head', [1, 2]);
    beacon.send('execution_payload', { slot: '9', block_hash: '0x1234', block_root: ROOT_A });
    // A valid event split across writes, after the garbage.
    beacon.sendRaw('head', 'event: he');
    beacon.sendRaw('head', `ad\ndata: {"slot":"12","block":"${ROOT_A}",`);
    beacon.sendRaw('head', '"state":"0x00","execution_optimistic":false}\n\n');
    beacon.send('execution_payload', { slot: '11', builder_index: '3', block_hash: HASH_B, block_root: ROOT_A, execution_optimistic: false });
    await waitFor('valid head', async () => heads.length === 1);
    expect(heads).toEqual([12]);
    expect(f.headSlot).toBe(12);
    await waitFor('payload mapping', async () => f.slotOfPayload(HASH_B, Number.NaN) === 11);
    expect(malformed).toEqual([
      'head: data is not JSON',
      'head: slot: malformed "abc"',
      'head: slot: missing',
      'head: data is not a JSON object',
      'execution_payload: block_hash: malformed "0x1234"',
    ]);
  });

  it('knows the slot of any payload timestamp from genesis, and nothing before genesis', async () => {
    beacon.genesisTime = 1_000;
    const { f } = follow();
    await waitFor('genesis', async () => f.hasGenesis);
    expect(f.slotOfPayload(HASH_B, 1_000 + 12 * 40 + 5)).toBe(40);
    expect(f.slotOfPayload(HASH_B, 999)).toBeUndefined();
  });

  it('keeps following head when the node does not know execution_payload (400), without asking again', async () => {
    beacon.unknownTopics.add('execution_payload');
    const { f } = follow();
    await waitFor('head subscription', async () => beacon.listeners('head') === 1);
    beacon.send('head', { slot: '3', block: ROOT_A });
    await waitFor('head', async () => f.headSlot === 3);
    await new Promise((r) => setTimeout(r, 300));
    expect(beacon.subscriptions.filter((t) => t === 'execution_payload')).toHaveLength(1);
  });

  it('reconnects after the beacon node goes down and comes back', async () => {
    const { f } = follow();
    await waitFor('subscribed', async () => beacon.listeners('head') === 1);
    beacon.send('head', { slot: '20', block: ROOT_A });
    await waitFor('first head', async () => f.headSlot === 20);
    const port = beacon.port;
    await beacon.stop();
    await new Promise((r) => setTimeout(r, 200)); // a few refused reconnects
    await beacon.listen(port);
    await waitFor('resubscribed', async () => beacon.listeners('head') === 1, 10_000);
    beacon.send('head', { slot: '21', block: ROOT_A });
    await waitFor('head after restart', async () => f.headSlot === 21);
  });
});

/** Holds every witness fetch until released, then fails it: jobs stay unfinished meanwhile. */
class HeldWitness implements WitnessProvider {
  private release!: () => void;
  private readonly gate = new Promise<void>((r) => (this.release = r));
  async fetch(): Promise<WitnessResult> {
    await this.gate;
    throw new Error('witness held by the test');
  }
  open(): void {
    this.release();
  }
}

describe('sidecar with --beacon.url', () => {
  const FIXTURE = fixture('blockchain/eest_benchmark@v0.0.7_via_erigontech-eest-fixtures/benchmark/blockchain_tests_engine/benchmark/compute/instruction/control_flow/jumps.json');
  const base = (Object.values(JSON.parse(readFileSync(FIXTURE, 'utf8'))) as { engineNewPayloads: { params: unknown[] }[] }[])[0].engineNewPayloads[0].params;
  const paramsAt = (timestamp: number, n: number): unknown[] => {
    const p = JSON.parse(JSON.stringify(base)) as [Record<string, string>, ...unknown[]];
    p[0].timestamp = `0x${timestamp.toString(16)}`;
    p[0].blockHash = `0x${n.toString(16).padStart(64, '0')}`;
    return p;
  };

  it('retires jobs the beacon head left behind, counts malformed events and exports the head slot', async () => {
    const dir = tempDir('beacon-sidecar');
    const jwt = path.join(dir, 'jwt.hex');
    writeFileSync(jwt, randomBytes(32).toString('hex'));
    const c = defaultConfig();
    Object.assign(c, { role: 'prover', dataDir: path.join(dir, 'data'), jwtSecret: jwt, logLevel: 'silent' });
    // Never contacted: the witness is held by the test and no engine call is made.
    c.execution = { urls: ['http://127.0.0.1:1'], timeoutMs: 1000 };
    c.engine.port = 0;
    c.api.port = 0;
    c.prover.workers = 1;
    c.prover.deadlineMs = 120_000;
    c.beacon.url = beacon.url;
    beacon.genesisTime = 0;
    const witness = new HeldWitness();
    const node: Sidecar = await Sidecar.start(c, silentLogger(), { witness });
    try {
      await waitFor('beacon link', async () => node.beacon!.follower.hasGenesis && beacon.listeners('head') === 1);
      // Slot 10 (running) and slot 11 (queued), both within staleSlots of a head at 40.
      await node.pipeline!.submit('engine_newPayloadV4', paramsAt(120, 1));
      await node.pipeline!.submit('engine_newPayloadV4', paramsAt(132, 2));
      beacon.send('head', { slot: '40', block: ROOT_A });
      await waitFor('head slot', async () => node.beacon!.follower.headSlot === 40);
      expect(await node.beacon!.cancelStaleJobs()).toBe(0);
      // The head moves on while no payload arrives: both jobs are now stale.
      beacon.send('head', { slot: '44', block: ROOT_A });
      beacon.sendRaw('head', 'event: head\ndata: nonsense\n\n');
      const cancelled = await waitFor('cancelled jobs', async () => {
        const jobs = await Promise.all(['0x' + '1'.padStart(64, '0'), '0x' + '2'.padStart(64, '0')].map((h) => node.store.getJob(h)));
        return jobs.every((j) => j?.state === 'cancelled') ? jobs : undefined;
      });
      expect(cancelled.map((j) => j!.errors.at(-1))).toEqual(['stale: beacon head is at slot 44, payload slot 10', 'stale: beacon head is at slot 44, payload slot 11']);
      const metrics = await (await fetch(`${node.apiUrl}/metrics`)).text();
      expect(metrics).toMatch(/^oneproof_beacon_head_slot 44$/m);
      expect(metrics).toMatch(/^oneproof_beacon_event_errors_total\{topic="head"\} 1$/m);
      expect(metrics).toMatch(/^# TYPE oneproof_beacon_publish_failures_total counter$/m);
    } finally {
      witness.open();
      await node.close();
    }
  });

  it('oneproof run checks --beacon.url and follows the beacon node it names', async () => {
    const dir = tempDir('beacon-cli');
    const jwt = path.join(dir, 'jwt.hex');
    writeFileSync(jwt, randomBytes(32).toString('hex'));
    const common = ['run', '--role', 'verifier', '--jwt-secret', jwt, '--data-dir', path.join(dir, 'data'), '--engine.port', '0', '--api.port', '0', '--log-level', 'warn'];
    const run = (args: string[], env: Record<string, string> = {}) => {
      const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src', 'cli', 'main.ts'), ...args], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      const io = { out: '', child, code: new Promise<number | null>((r) => child.once('exit', (code) => r(code))) };
      child.stdout.on('data', (b: Buffer) => (io.out += b.toString()));
      child.stderr.on('data', (b: Buffer) => (io.out += b.toString()));
      return io;
    };
    const bad = run([...common, '--beacon.url', 'localhost:5052']);
    expect(await bad.code).toBe(2);
    expect(bad.out).toMatch(/beacon\.url \(flags\): must be an http\(s\) URL/);
    const badEnv = run(common, { ONEPROOF_BEACON_URL: 'ftp://x' });
    expect(await badEnv.code).toBe(2);
    expect(badEnv.out).toMatch(/beacon\.url \(environment\): must be an http\(s\) URL/);

    const r = run([...common, '--beacon.url', beacon.url]);
    try {
      const [, api] = await waitFor('start-up line', async () => /api (http:\S+)\s+beacon /.exec(r.out) ?? undefined, 30_000);
      await waitFor('subscription', async () => beacon.listeners('head') === 1, 10_000);
      beacon.send('head', { slot: '77', block: ROOT_A });
      await waitFor('head slot metric', async () => /^oneproof_beacon_head_slot 77$/m.test(await (await fetch(`${api}/metrics`)).text()), 10_000);
      r.child.kill('SIGTERM');
      expect(await r.code).toBe(0);
    } finally {
      if (r.child.exitCode === null) r.child.kill('SIGKILL');
    }
  });
});
