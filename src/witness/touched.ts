// Which accounts and storage slots a block touches, read from default (structLogger) traces:
// SLOAD/SSTORE keys in the storage context of the running frame, addresses named by calls and
// account-inspecting opcodes, and BLOCKHASH targets (ancestor headers the witness must carry).
export interface StructLog {
  op: string;
  depth: number;
  stack?: string[];
}

export interface Touched {
  /** address (lowercase 0x) → storage slots (0x 32-byte) */
  accounts: Map<string, Set<string>>;
  /** Smallest block number BLOCKHASH asked for, if any. */
  oldestBlockHash?: bigint;
}

export function newTouched(): Touched {
  return { accounts: new Map() };
}

export function touchAccount(t: Touched, address: string): Set<string> {
  const a = address.toLowerCase();
  let slots = t.accounts.get(a);
  if (!slots) t.accounts.set(a, (slots = new Set()));
  return slots;
}

const word = (x: string) => `0x${BigInt(x).toString(16).padStart(64, '0')}`;
const addressOf = (x: string) => `0x${(BigInt(x) & ((1n << 160n) - 1n)).toString(16).padStart(40, '0')}`;
const top = (stack: string[] | undefined, i = 0) => (stack && stack.length > i ? stack[stack.length - 1 - i] : undefined);

/** Walks one transaction's struct logs; `to` is the called or created address. */
export function collectFromTrace(t: Touched, to: string, logs: StructLog[]): void {
  // Each frame has a storage context (whose slots SLOAD/SSTORE touch).
  const frames: string[] = [to.toLowerCase()];
  let pendingContext: string | null = null;
  // geth counts depth from 1, EthereumJS from 0: measure relative to the first step.
  const base = logs.length > 0 ? logs[0].depth : 0;
  let lastDepth = 1;
  for (const log of logs) {
    const depth = log.depth - base + 1;
    if (depth > lastDepth) frames.push(pendingContext ?? frames[frames.length - 1]);
    while (depth < frames.length && frames.length > 1) frames.pop();
    lastDepth = depth;
    pendingContext = null;
    const ctx = frames[frames.length - 1];
    const s = log.stack;
    switch (log.op) {
      case 'SLOAD':
      case 'SSTORE': {
        const k = top(s);
        if (k) touchAccount(t, ctx).add(word(k));
        break;
      }
      case 'CALL':
      case 'STATICCALL': {
        const a = top(s, 1);
        if (a) pendingContext = addressOf(a);
        if (a) touchAccount(t, addressOf(a));
        break;
      }
      case 'DELEGATECALL':
      case 'CALLCODE': {
        const a = top(s, 1);
        if (a) touchAccount(t, addressOf(a));
        pendingContext = ctx; // code from elsewhere, storage stays ours
        break;
      }
      case 'BALANCE':
      case 'EXTCODESIZE':
      case 'EXTCODEHASH':
      case 'EXTCODECOPY':
      case 'SELFDESTRUCT': {
        const a = top(s);
        if (a) touchAccount(t, addressOf(a));
        break;
      }
      case 'BLOCKHASH': {
        const n = top(s);
        if (n) {
          const b = BigInt(n);
          if (t.oldestBlockHash === undefined || b < t.oldestBlockHash) t.oldestBlockHash = b;
        }
        break;
      }
      default:
        break;
    }
  }
}
