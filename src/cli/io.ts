// Small pieces the file-handling CLI commands share.
import { readFileSync } from 'node:fs';

/** A command-line mistake: the command prints it with its usage and exits 2. */
export class UsageError extends Error {}

/** The bytes of a file the user named; an unreadable file is a UsageError that says which. */
export function readBytes(file: string, what: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(file));
  } catch (err) {
    throw new UsageError(`cannot read ${what} ${file}: ${(err as Error).message}`);
  }
}

export const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
