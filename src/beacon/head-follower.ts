// Follows a beacon node (standard beacon API): `head` events give the chain's current slot,
// Gloas `execution_payload` events tie an execution block hash to its slot, and the genesis time
// with SECONDS_PER_SLOT turns any payload timestamp into its slot. The Engine API carries no slot
// before Amsterdam, so this is how the sidecar knows how far behind the head a proving job is.
// Each topic has its own stream: a node that does not know `execution_payload` (pre-Gloas)
// refuses that subscription with 400, which must not cost the `head` stream.
import { EventEmitter } from 'node:events';
import type { Logger } from '../log/logger.js';
import { EVENTS_PATH, GENESIS_PATH, SPEC_PATH } from './endpoints.js';
import { EventStream, type StreamStatus } from './event-stream.js';

export interface HeadEvent {
  slot: number;
  blockRoot: string;
}

export interface PayloadEvent {
  slot: number;
  blockHash: string;
  blockRoot: string;
}

export interface FollowerEvents {
  head: [HeadEvent];
  payload: [PayloadEvent];
  /** A event whose data is not what the beacon API defines; it is dropped. */
  malformed: [topic: string, reason: string];
}

export interface HeadFollowerOptions {
  url: string;
  log: Logger;
  retryMs?: number;
  /** Block hashes remembered with their slots. */
  capacity?: number;
}

const ROOT = /^0x[0-9a-fA-F]{64}$/;
const UINT = /^(0|[1-9][0-9]{0,15})$/;

/** Reads a beacon-API event body; throws with the reason when it is malformed. */
function fields(data: string, required: Record<string, RegExp>): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    throw new Error('data is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('data is not a JSON object');
  const o = parsed as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, re] of Object.entries(required)) {
    const v = o[k];
    if (typeof v !== 'string' || !re.test(v)) throw new Error(`${k}: ${v === undefined ? 'missing' : `malformed ${JSON.stringify(v).slice(0, 80)}`}`);
    out[k] = v;
  }
  return out;
}

export class BeaconHeadFollower extends EventEmitter<FollowerEvents> {
  /** Highest slot seen in a head event; -1 before the first. */
  headSlot = -1;
  private genesis?: { time: number; secondsPerSlot: number };
  private readonly slotByHash = new Map<string, number>();
  private readonly streams: EventStream[] = [];
  private readonly abort = new AbortController();
  private genesisTask?: Promise<void>;

  constructor(private readonly opts: HeadFollowerOptions) {
    super();
  }

  start(): void {
    const base = this.opts.url.replace(/\/+$/, '');
    for (const topic of ['head', 'execution_payload'] as const) {
      const stream = new EventStream(`${base}${EVENTS_PATH}?topics=${topic}`, {
        retryMs: this.opts.retryMs,
        onEvent: (e) => {
          if (e.event !== topic) return;
          try {
            if (topic === 'head') this.onHead(e.data);
            else this.onPayload(e.data);
          } catch (err) {
            this.opts.log.warn({ topic, reason: (err as Error).message }, 'malformed beacon event dropped');
            this.emit('malformed', topic, (err as Error).message);
          }
        },
        onStatus: (s) => this.onStatus(topic, s),
      });
      this.streams.push(stream);
      stream.start();
    }
    this.genesisTask = this.loadGenesis(base);
  }

  async close(): Promise<void> {
    this.abort.abort();
    await Promise.all(this.streams.map((s) => s.close()));
    await this.genesisTask;
  }

  /** The beacon slot of an execution payload, if known (payload event, else the genesis clock). */
  slotOfPayload(blockHash: string, timestamp: number): number | undefined {
    const seen = this.slotByHash.get(blockHash.toLowerCase());
    if (seen !== undefined) return seen;
    if (!this.genesis || !Number.isFinite(timestamp) || timestamp < this.genesis.time) return undefined;
    return Math.floor((timestamp - this.genesis.time) / this.genesis.secondsPerSlot);
  }

  get hasGenesis(): boolean {
    return this.genesis !== undefined;
  }

  private onHead(data: string): void {
    const f = fields(data, { slot: UINT, block: ROOT });
    const slot = Number(f.slot);
    if (slot > this.headSlot) this.headSlot = slot;
    this.emit('head', { slot, blockRoot: f.block.toLowerCase() });
  }

  private onPayload(data: string): void {
    const f = fields(data, { slot: UINT, block_hash: ROOT, block_root: ROOT });
    const ev = { slot: Number(f.slot), blockHash: f.block_hash.toLowerCase(), blockRoot: f.block_root.toLowerCase() };
    this.slotByHash.set(ev.blockHash, ev.slot);
    if (this.slotByHash.size > (this.opts.capacity ?? 1024)) this.slotByHash.delete(this.slotByHash.keys().next().value!);
    this.emit('payload', ev);
  }

  private onStatus(topic: string, s: StreamStatus): void {
    const log = this.opts.log;
    if (s.kind === 'connected') log.info({ topic }, 'following beacon node events');
    else if (s.kind === 'http-error') {
      if (s.final) log.info({ topic, status: s.status, body: s.body }, 'beacon node does not serve this event topic; not following it');
      else log.warn({ topic, status: s.status }, 'beacon node event stream failed; retrying');
    } else if (s.kind === 'unreachable') log.warn({ topic, error: s.error }, 'beacon node unreachable; retrying');
    else log.info({ topic }, 'beacon node event stream ended; reconnecting');
  }

  /** GET genesis time and SECONDS_PER_SLOT, retrying until the node answers (or close()). */
  private async loadGenesis(base: string): Promise<void> {
    let delay = this.opts.retryMs ?? 1000;
    while (!this.abort.signal.aborted) {
      try {
        const signal = AbortSignal.any([this.abort.signal, AbortSignal.timeout(10_000)]);
        const [g, s] = await Promise.all([
          fetch(`${base}${GENESIS_PATH}`, { signal }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`genesis: HTTP ${r.status}`)))),
          fetch(`${base}${SPEC_PATH}`, { signal }).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`spec: HTTP ${r.status}`)))),
        ]);
        const time = (g as { data?: { genesis_time?: unknown } }).data?.genesis_time;
        const sps = (s as { data?: { SECONDS_PER_SLOT?: unknown } }).data?.SECONDS_PER_SLOT;
        if (typeof time !== 'string' || !UINT.test(time) || typeof sps !== 'string' || !/^[1-9][0-9]{0,5}$/.test(sps)) throw new Error('genesis_time or SECONDS_PER_SLOT malformed');
        this.genesis = { time: Number(time), secondsPerSlot: Number(sps) };
        this.opts.log.info(this.genesis, 'beacon genesis known');
        return;
      } catch (e) {
        if (this.abort.signal.aborted) return;
        this.opts.log.warn({ err: (e as Error).message }, 'beacon genesis not available yet; retrying');
      }
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, delay);
        this.abort.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
      delay = Math.min(delay * 2, 60_000);
    }
  }
}
