// The validator guest's program id (sha256 of its ELF) is what every proof names: a node proving or
// verifying with an ELF other than the pinned one would produce or accept proofs of another program.
// So the sidecar refuses to start when the ELF it would use does not hash to `prover.programId`
// (pinned in defaults.ts), unless the operator sets `prover.allowUnpinnedGuest`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { validatorElfPath } from '../prover/native-zkvm.js';
import { ConfigError, type OneproofConfig } from './schema.js';

export function programIdOf(elf: Uint8Array): string {
  return createHash('sha256').update(elf).digest('hex');
}

export interface GuestCheck {
  elfPath: string;
  /** The ELF's sha256; absent when the file does not exist (the prover and verifier then report it per job). */
  programId?: string;
  /** Set when the ELF differs from the pin and the operator allowed it: a line to log. */
  warning?: string;
}

/** Throws ConfigError when the guest ELF exists and its sha256 is not the pinned program id. */
export function checkGuestProgramId(c: OneproofConfig, origin: (key: string) => string = () => 'config'): GuestCheck {
  const elfPath = validatorElfPath(c.prover.guestElf);
  if (!existsSync(elfPath)) return { elfPath };
  let elf: Buffer;
  try {
    elf = readFileSync(elfPath);
  } catch (e) {
    throw new ConfigError(`prover.guestElf (${origin('prover.guestElf')}): cannot read ${elfPath}: ${(e as Error).message}`);
  }
  const programId = programIdOf(elf);
  const pinned = c.prover.programId;
  if (pinned === undefined || programId === pinned) return { elfPath, programId };
  const mismatch = `the validator guest ${elfPath} has program id ${programId}, but prover.programId (${origin('prover.programId')}) pins ${pinned}`;
  if (c.prover.allowUnpinnedGuest) return { elfPath, programId, warning: `${mismatch}; allowed by prover.allowUnpinnedGuest` };
  throw new ConfigError(
    `${mismatch}: proofs of this ELF would not be proofs of the pinned program. Rebuild the guest from this release ` +
      `(npm run build:guest), or set prover.programId to the new id (docs/GUEST.md), or pass --prover.allow-unpinned-guest.`,
  );
}
