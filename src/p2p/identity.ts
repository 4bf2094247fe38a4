// The node's persistent libp2p identity: a secp256k1 key (as consensus clients use) kept in the data
// directory, created once with mode 0600, so the peer id survives restarts.
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';

export const PEER_KEY_FILE = 'p2p-identity.key';

export async function loadOrCreatePeerKey(dataDir: string): Promise<PrivateKey> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  const path = join(dataDir, PEER_KEY_FILE);
  try {
    return await readPeerKey(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const key = await generateKeyPair('secp256k1');
  try {
    // 'wx' fails if another process created the file meanwhile; then that key wins.
    const fh = await open(path, 'wx', 0o600);
    try {
      await fh.writeFile(privateKeyToProtobuf(key));
      await fh.sync();
    } finally {
      await fh.close();
    }
    return key;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return readPeerKey(path);
    throw e;
  }
}

async function readPeerKey(path: string): Promise<PrivateKey> {
  const info = await stat(path);
  if ((info.mode & 0o077) !== 0) {
    throw new Error(`peer key ${path} is readable by others (mode ${(info.mode & 0o777).toString(8)}); chmod 600 it`);
  }
  const bytes = await readFile(path);
  try {
    return privateKeyFromProtobuf(bytes);
  } catch (e) {
    throw new Error(`peer key ${path} is corrupt: ${(e as Error).message}`);
  }
}
