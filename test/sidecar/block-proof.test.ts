// A real block proof end to end, on the real execution client: the scripted driver builds an empty
// devnet block (system calls and a withdrawal: ~2.3 M guest cycles, the cheapest block there is)
// through a prover node's engine proxy; the node proves it with the validator guest in the zkVM
// (FRI 'test' parameters: fast, not secure) and serves the proof; a proof-only node that saw the
// payload verifies the uploaded proof and then answers engine_newPayloadV4 VALID — SYNCING before,
// and never VALID for a proof of another block. A second proof-only node, a libp2p peer of the
// prover, gets the proof over the network (gossip, or by-root catch-up once it learns the payload)
// and answers VALID too. The CLI proves the same block from files (prove-block --block/--witness)
// and verify-block checks it alone and against the payload.
import { execFile } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { hexlify } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET_CHAIN_ID } from '../../src/devnet/genesis.js';
import { freePorts } from '../../src/devnet/ports.js';
import { MAX_PROOF_SIZE } from '../../src/p2p/constants.js';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { ConsensusDriver, type BuiltBlock } from '../../src/devnet/driver.js';
import { readJwtSecret, signJwt } from '../../src/engine/jwt.js';
import { loadAddon, projectRoot } from '../../src/native/index.js';
import { validatorTexts } from '../../src/prover/block-input.js';
import type { Sidecar } from '../../src/sidecar/sidecar.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { newPayloadRequestRoot } from '../../src/verify/request-root.js';
import { PreflightWitnessBuilder } from '../../src/witness/preflight.js';
import { post, proverConfig, removeTempDirs, startEl, startSidecar, tempDir, verifierConfig, waitFor } from './helpers.js';

const execFileP = promisify(execFile);
const elfPath = path.join(projectRoot, 'build', 'guest', 'validator.elf');
const ready = (() => {
  try {
    return typeof loadAddon<Record<string, unknown>>().zkvmProve === 'function' && existsSync(elfPath);
  } catch {
    return false;
  }
})();
const PROOF_TYPE = 'oneproof-rv32im';
const MINUTES = 60_000;

describe.skipIf(!ready)('a real block proof through the sidecar (needs the addon and build/guest/validator.elf)', () => {
  const dir = tempDir('block-proof');
  let el: ExecutionClientProcess;
  let prover: Sidecar;
  let verifier: Sidecar;
  let peer: Sidecar;
  let driver: ConsensusDriver;
  let secret: Buffer;
  const blocks: BuiltBlock[] = [];
  let root = '';
  let proofBytes = 0;
  const proofSize = () => proofBytes;
  let otherRoot = '';

  beforeAll(async () => {
    el = await startEl(dir);
    secret = readJwtSecret(el.jwtSecretPath);
    const pc = proverConfig(el, path.join(dir, 'prover'));
    pc.prover.params = 'test';
    pc.prover.deadlineMs = 60 * MINUTES;
    const [p2pProver, p2pPeer] = await freePorts(2);
    pc.p2p = { enabled: true, listen: [`/ip4/127.0.0.1/tcp/${p2pProver}`], bootstrap: [] };
    prover = await startSidecar(pc);
    const vc = verifierConfig(el.jwtSecretPath, path.join(dir, 'verifier'));
    vc.prover.params = 'test';
    verifier = await startSidecar(vc);
    const peerCfg = verifierConfig(el.jwtSecretPath, path.join(dir, 'peer'));
    peerCfg.prover.params = 'test';
    peerCfg.p2p = { enabled: true, listen: [`/ip4/127.0.0.1/tcp/${p2pPeer}`], bootstrap: prover.gossip!.multiaddrs().filter((a) => a.includes('127.0.0.1')) };
    peer = await startSidecar(peerCfg);
    // Another block first, straight to the execution client (the prover never sees it), then the
    // block that goes through the prover's proxy and is proven.
    const direct = new ConsensusDriver(el.engineUrl, secret, el.rpcUrl);
    const other = await direct.buildBlock({ transactions: false });
    direct.close();
    driver = new ConsensusDriver(prover.engineUrl, secret, el.rpcUrl);
    blocks.push(await driver.buildBlock({ transactions: false }), other);
    root = hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, blocks[0].newPayloadParams)));
    otherRoot = hexlify(newPayloadRequestRoot(parseNewPayloadParams(4, other.newPayloadParams)));
    await waitFor('the block proven', async () => {
      const job = await prover.store.getJob(blocks[0].blockHash);
      if (job?.state === 'failed' || job?.state === 'expired') throw new Error(`proving failed: ${job.errors.join('; ')}`);
      return job?.state === 'proved';
    }, 20 * MINUTES);
    expect((await prover.store.getJob(blocks[0].blockHash))!.newPayloadRequestRoot).toBe(root);
  }, 25 * MINUTES);

  afterAll(async () => {
    driver?.close();
    await peer?.close();
    await verifier?.close();
    await prover?.close();
    await el?.stop(500);
  });

  const engineCall = async (node: Sidecar, params: unknown[]) => {
    const r = await post(node.engineUrl, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'engine_newPayloadV4', params }), { authorization: `Bearer ${signJwt(secret)}` });
    return (JSON.parse(r.text) as { result: { status: string } }).result.status;
  };
  const upload = async (requestRoot: string, proof: Uint8Array) => {
    const res = await fetch(`${verifier.apiUrl}/v1/execution_proof_verifications?new_payload_request_root=${requestRoot}&proof_type=${PROOF_TYPE}`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.from(proof),
    });
    return (await res.json()) as { status: string; reason?: string };
  };

  it('proves the block, and a proof-only node accepts it only for that payload', async () => {
    const job = (await prover.store.getJob(blocks[0].blockHash))!;
    expect(job.state).toBe('proved');
    expect(await prover.store.getJob(blocks[1].blockHash)).toBeUndefined();
    expect(job.timings.proveMs).toBeGreaterThan(0);
    const res = await fetch(`${prover.apiUrl}/v1/execution_proofs/${root}/${PROOF_TYPE}`);
    expect(res.status).toBe(200);
    const proof = new Uint8Array(await res.arrayBuffer());
    proofBytes = proof.length;

    // The proof-only node has seen neither payload: SYNCING, and no proof can be attached yet.
    for (const b of blocks) expect(await engineCall(verifier, b.newPayloadParams)).toBe('SYNCING');
    // The first block's proof offered for the second payload: refused, and that payload stays SYNCING.
    expect((await upload(otherRoot, proof)).status).toBe('INVALID');
    expect(await engineCall(verifier, blocks[1].newPayloadParams)).toBe('SYNCING');
    // A flipped byte: refused.
    const bad = proof.slice();
    bad[bad.length >> 1] ^= 1;
    expect((await upload(root, bad)).status).toBe('INVALID');
    expect(await engineCall(verifier, blocks[0].newPayloadParams)).toBe('SYNCING');
    // The real proof: VALID from now on.
    expect(await upload(root, proof)).toEqual({ status: 'VALID' });
    expect(await engineCall(verifier, blocks[0].newPayloadParams)).toBe('VALID');
  }, 5 * MINUTES);

  it('reaches a proof-only peer over libp2p, which then answers VALID', async () => {
    expect(proofSize()).toBeLessThanOrEqual(MAX_PROOF_SIZE); // the 'test' preset: small enough to gossip
    // The peer learns the payload now; the proof reaches it from the prover (queued gossip or a
    // by-root fetch) and is verified there.
    expect(await engineCall(peer, blocks[1].newPayloadParams)).toBe('SYNCING');
    await waitFor('VALID on the peer', async () => (await engineCall(peer, blocks[0].newPayloadParams)) === 'VALID', 2 * MINUTES);
    expect(peer.book.isVerified(root)).toBe(true);
    expect(peer.book.isVerified(otherRoot)).toBe(false);
    expect(await engineCall(peer, blocks[1].newPayloadParams)).toBe('SYNCING');
  }, 3 * MINUTES);

  it('proves the block from files with the CLI and verifies it alone and against the payload', async () => {
    const builder = new PreflightWitnessBuilder(el.rpcUrl);
    const request = parseNewPayloadParams(4, blocks[0].newPayloadParams);
    const w = await builder.build(blocks[0].blockHash);
    builder.destroy();
    const t = validatorTexts(request, w, { chainId: DEVNET_CHAIN_ID, fork: 'Prague' });
    const files = { block: path.join(dir, 'block.hex'), witness: path.join(dir, 'witness.json'), chain: path.join(dir, 'chain.json'), payload: path.join(dir, 'payload.json'), proof: path.join(dir, 'block.proof') };
    writeFileSync(files.block, t.blockHex);
    writeFileSync(files.witness, t.witnessJson);
    writeFileSync(files.chain, t.chainJson);
    writeFileSync(files.payload, JSON.stringify({ method: 'engine_newPayloadV4', params: blocks[0].newPayloadParams }));
    const cli = async (...args: string[]) => {
      const script = `import(${JSON.stringify(path.join(projectRoot, 'src', 'cli', 'main.ts'))}).then((m) => m.main(process.argv.slice(1))).then((c) => process.exit(c))`;
      try {
        const { stdout } = await execFileP(process.execPath, ['--import', 'tsx', '-e', script, ...args], { cwd: projectRoot, maxBuffer: 1 << 24 });
        return { code: 0, out: stdout };
      } catch (e) {
        const x = e as { code: number; stdout: string; stderr: string };
        return { code: x.code, out: x.stdout + x.stderr };
      }
    };
    const proved = await cli('prove-block', '--block', files.block, '--witness', files.witness, '--chain', files.chain, '--params', 'test', '-o', files.proof);
    expect(proved.code, proved.out).toBe(0);
    expect(JSON.parse(proved.out)).toMatchObject({ blockHash: blocks[0].blockHash, segments: 3 });
    const alone = await cli('verify-block', files.proof, '--params', 'test');
    expect(alone.code, alone.out).toBe(0);
    expect(JSON.parse(alone.out)).toMatchObject({ status: 'VALID', blockHash: blocks[0].blockHash, stateRoot: (blocks[0].payload as { stateRoot: string }).stateRoot });
    const against = await cli('verify-block', '--payload', files.payload, '--proof', files.proof, '--params', 'test');
    expect(against.code, against.out).toBe(0);
    writeFileSync(files.payload, JSON.stringify({ method: 'engine_newPayloadV4', params: blocks[1].newPayloadParams }));
    const other = await cli('verify-block', '--payload', files.payload, '--proof', files.proof, '--params', 'test');
    expect(other.code).toBe(1);
    expect(JSON.parse(other.out).status).toBe('INVALID');
    // Under other FRI parameters than it was made with, the proof does not verify.
    expect((await cli('verify-block', files.proof)).code).toBe(1);
  }, 20 * MINUTES);
});

afterAll(() => removeTempDirs());
