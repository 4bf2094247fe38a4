// Data-directory state: the peer key (created once, 0600) and the recent-proofs store.
import { chmod, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';
import { loadOrCreatePeerKey, PEER_KEY_FILE } from '../../src/p2p/identity.js';
import { RecentProofStore } from '../../src/p2p/store.js';
import { SignedExecutionProof } from '../../src/p2p/containers.js';
import { makeProof, payloadRoot, removeTempDirs, tempDir } from './helpers.js';

describe('peer identity', () => {
  it('is created once with mode 0600 and reloaded unchanged', async () => {
    const dir = tempDir('key');
    const first = await loadOrCreatePeerKey(dir);
    expect((await stat(join(dir, PEER_KEY_FILE))).mode & 0o777).toBe(0o600);
    const again = await loadOrCreatePeerKey(dir);
    expect(peerIdFromPrivateKey(again).toString()).toBe(peerIdFromPrivateKey(first).toString());
  });

  it('refuses a key file others can read, and reports a corrupt one clearly', async () => {
    const dir = tempDir('key2');
    await loadOrCreatePeerKey(dir);
    await chmod(join(dir, PEER_KEY_FILE), 0o644);
    await expect(loadOrCreatePeerKey(dir)).rejects.toThrow(/readable by others/);
    await writeFile(join(dir, PEER_KEY_FILE), 'not a key', { mode: 0o600 });
    await chmod(join(dir, PEER_KEY_FILE), 0o600);
    await expect(loadOrCreatePeerKey(dir)).rejects.toThrow(/corrupt/);
  });
});

describe('recent proof store', () => {
  const proof = (label: string, type = 1): SignedExecutionProof => ({ message: makeProof(payloadRoot(label), 500, type), validatorIndex: 0, signature: new Uint8Array(96) });

  it('persists across reopen and serves proofs by payload root', async () => {
    const dir = tempDir('store');
    const s = await RecentProofStore.open(dir, 10);
    await s.put(proof('x', 1));
    await s.put(proof('x', 2));
    await s.put(proof('y'));
    const reopened = await RecentProofStore.open(dir, 10);
    expect(reopened.size).toBe(3);
    expect((await reopened.byPayloadRoot(payloadRoot('x'))).length).toBe(2);
    expect((await reopened.byPayloadRoot(payloadRoot('z'))).length).toBe(0);
    expect(reopened.entries().map((e) => e.proofType).sort()).toEqual([1, 1, 2]);
  });

  it('keeps only the newest `capacity` proofs', async () => {
    const dir = tempDir('store2');
    const s = await RecentProofStore.open(dir, 3);
    for (const l of ['a', 'b', 'c', 'd', 'e']) await s.put(proof(l));
    expect(s.size).toBe(3);
    expect((await s.byPayloadRoot(payloadRoot('a'))).length).toBe(0);
    expect((await s.byPayloadRoot(payloadRoot('e'))).length).toBe(1);
    expect((await readdir(join(dir, 'proofs'))).length).toBe(3);
  });

  it('drops corrupt or misnamed files when read, and ignores foreign files', async () => {
    const dir = tempDir('store3');
    const s = await RecentProofStore.open(dir, 10);
    await s.put(proof('good'));
    const corruptRoot = new Uint8Array(32).fill(0xab);
    await writeFile(join(dir, 'proofs', `${'ab'.repeat(32)}-1.ssz`), new Uint8Array([1, 2, 3]));
    // A valid proof filed under the wrong name is as bad as garbage.
    await writeFile(join(dir, 'proofs', `${'cd'.repeat(32)}-1.ssz`), SignedExecutionProof.serialize(proof('other')));
    await writeFile(join(dir, 'proofs', 'notes.txt'), 'not a proof');
    const reopened = await RecentProofStore.open(dir, 10);
    expect(reopened.size).toBe(3);
    expect(await reopened.byPayloadRoot(corruptRoot)).toEqual([]);
    expect(await reopened.byPayloadRoot(new Uint8Array(32).fill(0xcd))).toEqual([]);
    expect(reopened.size).toBe(1);
    expect((await reopened.byPayloadRoot(payloadRoot('good'))).length).toBe(1);
    expect((await readdir(join(dir, 'proofs'))).sort()).toEqual([`${Buffer.from(payloadRoot('good')).toString('hex')}-1.ssz`, 'notes.txt']);
  });
});

afterAll(() => removeTempDirs());
