// The proof gossip node: the libp2p stack (libp2p.ts) on the EIP-8025 topic,
// with validation before forwarding, peer penalties, a recent-proofs store and by-root catch-up.
import { EventEmitter } from 'node:events';
import { TopicValidatorResult, type GossipsubMessage } from '@libp2p/gossipsub';
import { peerIdFromString } from '@libp2p/peer-id';
import type { PeerId } from '@libp2p/interface';
import { CatchUpService } from './catch-up.js';
import { createProofLibp2p, isBannedIn, type GossipSubRouter, type ProofLibp2p } from './libp2p.js';
import { SignedExecutionProof, type ExecutionProof } from './containers.js';
import { loadOrCreatePeerKey } from './identity.js';
import { SCORE_THRESHOLDS } from './scoring.js';
import { signProof, type ProofSigner, type SignatureScheme } from './signing.js';
import { RecentProofStore } from './store.js';
import { executionProofTopic } from './topic.js';
import { ProofValidator, type Verdict } from './validation.js';
import type { ProofVerifier } from './verifier.js';

export interface P2PLimits {
  /** Most simultaneous connections. */
  maxConnections: number;
  /** Inbound connections accepted per second from one host. */
  inboundConnectionsPerSecond: number;
  /** Proofs waiting for their payload, and for how long (ms). */
  maxPendingProofs: number;
  pendingTimeoutMs: number;
  /** Gossip messages being validated at once; beyond it new ones are ignored. */
  maxConcurrentValidations: number;
  /** Verified proofs kept on disk for restarts and catch-up. */
  storeCapacity: number;
  /** Entries in each dedup cache. */
  seenCapacity: number;
  /** Deadline of one catch-up exchange (ms) and how many peers one catch-up asks. */
  catchUpTimeoutMs: number;
  catchUpPeers: number;
  /** Roots per catch-up request (≤ 128) and most response bytes accepted for one request. */
  catchUpBatch: number;
  catchUpMaxBytes: number;
  /** Catch-up requests served per peer per minute. */
  catchUpRequestsPerMinute: number;
  /** After a payload becomes known without a proof, wait this long before asking peers (ms; 0 = never). */
  autoCatchUpDelayMs: number;
  /** How long a peer whose score fell below the graylist threshold stays disconnected (ms). */
  banDurationMs: number;
  /** Inbound catch-up streams served at once per connection. */
  maxInboundCatchUpStreams: number;
}

export const DEFAULT_LIMITS: P2PLimits = {
  maxConnections: 64,
  inboundConnectionsPerSecond: 5,
  maxPendingProofs: 256,
  pendingTimeoutMs: 4000,
  maxConcurrentValidations: 256,
  storeCapacity: 512,
  seenCapacity: 16_384,
  catchUpTimeoutMs: 10_000,
  catchUpPeers: 3,
  catchUpBatch: 16,
  catchUpMaxBytes: 64 * 1024 * 1024,
  catchUpRequestsPerMinute: 30,
  autoCatchUpDelayMs: 2000,
  banDurationMs: 10 * 60_000,
  maxInboundCatchUpStreams: 4,
};

export interface ProofGossipOptions {
  /** Listen multiaddrs, e.g. `/ip4/0.0.0.0/tcp/9100`. */
  listen: string[];
  /** Static/bootstrap peers: multiaddrs ending in `/p2p/<peer id>`, kept connected. */
  bootstrap?: string[];
  /** Discover peers on the local network with mDNS. */
  mdns?: boolean;
  /** Directory for the peer key and the recent-proofs store. */
  dataDir: string;
  limits?: Partial<P2PLimits>;
  /** 4-byte fork digest naming the topic (a beacon node's, or `standaloneForkDigest(name)`). */
  forkDigest: Uint8Array;
  /** Validator keys network: domain + active validators. Absent = standalone (unsigned) network. */
  validators?: SignatureScheme;
  /** Key that signs proofs this node publishes (needs `validators`). */
  signer?: ProofSigner;
  verifier: ProofVerifier;
  /** Whether the sidecar knows the payload with this new_payload_request_root (default: always). */
  isPayloadKnown?: (newPayloadRequestRoot: Uint8Array) => boolean;
  /** IPs exempt from gossipsub's same-IP penalty (e.g. 127.0.0.1 for a local devnet). */
  ipColocationWhitelist?: string[];
  log?: P2PLogger;
}

export interface P2PLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export type ProofSource = 'gossip' | 'catch-up' | 'local';

export interface ProofEvent {
  proof: SignedExecutionProof;
  via: ProofSource;
  /** Peer that delivered it (absent for local proofs). */
  from?: string;
}

export interface VerdictEvent {
  via: 'gossip' | 'catch-up';
  from: string;
  action: Verdict['action'];
  reason?: string;
  msgId?: string;
}

export interface PublishResult {
  /** False when a valid proof of this type was already known for the payload (nothing sent). */
  published: boolean;
  /** Peers the message was sent to directly. */
  recipients: number;
  reason?: string;
}

export interface PeerInfo {
  peerId: string;
  addrs: string[];
  direction: 'inbound' | 'outbound';
  score: number;
}

export interface ProofGossipEvents {
  proof: [ProofEvent];
  verdict: [VerdictEvent];
  banned: [{ peerId: string; score: number; reason: string }];
}

const noopLog: P2PLogger = { info() {}, warn() {}, debug() {} };

export class ProofGossipNode extends EventEmitter<ProofGossipEvents> {
  readonly topic: string;
  private readonly limits: P2PLimits;
  private readonly log: P2PLogger;
  private readonly autoCatchUps = new Set<NodeJS.Timeout>();
  private readonly catchUpService: CatchUpService;
  private validating = 0;
  private stopped = false;

  private constructor(
    private readonly libp2p: ProofLibp2p,
    private readonly validator: ProofValidator,
    private readonly store: RecentProofStore,
    private readonly opts: ProofGossipOptions,
    /** Peer id → ban expiry (ms); shared with the connection gater. */
    private readonly banned: Map<string, number>,
    limits: P2PLimits,
    topic: string,
  ) {
    super();
    this.limits = limits;
    this.topic = topic;
    this.log = opts.log ?? noopLog;
    this.catchUpService = new CatchUpService(libp2p, store, limits, this.log);
  }

  /** Creates and starts a node. */
  static async create(opts: ProofGossipOptions): Promise<ProofGossipNode> {
    if (opts.signer !== undefined && opts.validators === undefined) throw new Error('a signer needs `validators` (the signing domain and keys)');
    checkAddresses(opts);
    const limits = { ...DEFAULT_LIMITS, ...opts.limits };
    const topic = executionProofTopic(opts.forkDigest);
    const privateKey = await loadOrCreatePeerKey(opts.dataDir);
    const store = await RecentProofStore.open(opts.dataDir, limits.storeCapacity);
    const validator = new ProofValidator({
      verifier: opts.verifier,
      signatures: opts.validators,
      isPayloadKnown: opts.isPayloadKnown,
      pendingTimeoutMs: limits.pendingTimeoutMs,
      maxPending: limits.maxPendingProofs,
      seenCapacity: limits.seenCapacity,
    });
    for (const e of store.entries()) validator.markValid(e.newPayloadRequestRoot, e.proofType);

    const banned = new Map<string, number>();
    let libp2p: ProofLibp2p;
    try {
      libp2p = await createProofLibp2p({ ...opts, privateKey, topic, limits, isBanned: (peer) => isBannedIn(banned, peer.toString()) });
    } catch (e) {
      throw new Error(`cannot start the p2p node (listen ${opts.listen.join(', ')}): ${(e as Error).message}`);
    }
    const node = new ProofGossipNode(libp2p, validator, store, opts, banned, limits, topic);
    await node.start();
    return node;
  }

  get peerId(): string {
    return this.libp2p.peerId.toString();
  }

  /** Addresses other nodes can dial (with `/p2p/<id>`). */
  multiaddrs(): string[] {
    return this.libp2p.getMultiaddrs().map((m) => m.toString());
  }

  private get pubsub(): GossipSubRouter {
    return this.libp2p.services.pubsub;
  }

  private async start(): Promise<void> {
    this.pubsub.addEventListener('gossipsub:message', (evt) => void this.onGossip(evt.detail));
    this.pubsub.addEventListener('gossipsub:heartbeat', () => this.dropBadPeers());
    this.libp2p.addEventListener('peer:discovery', (evt) => void this.dialDiscovered(evt.detail.id));
    await this.catchUpService.start();
    this.pubsub.subscribe(this.topic);
    this.log.info({ peerId: this.peerId, topic: this.topic, addrs: this.multiaddrs() }, 'proof gossip started');
  }

  private async dialDiscovered(peer: PeerId): Promise<void> {
    if (this.stopped || this.libp2p.getConnections(peer).length > 0) return;
    if (this.libp2p.getConnections().length >= this.limits.maxConnections) return;
    try {
      await this.libp2p.dial(peer, { signal: AbortSignal.timeout(10_000) });
    } catch (e) {
      this.log.debug({ peer: peer.toString(), err: (e as Error).message }, 'dial failed');
    }
  }

  /**
   * Signs (or, on a standalone network, leaves unsigned), checks with the same rules as received
   * proofs — an honest node never gossips a proof it has not verified — stores and publishes.
   */
  async publish(proof: ExecutionProof): Promise<PublishResult> {
    const signed: SignedExecutionProof = { message: proof, validatorIndex: 0, signature: new Uint8Array(96) };
    if (this.opts.validators !== undefined) {
      if (this.opts.signer === undefined) throw new Error('this network needs signed proofs and no validator key is configured');
      signed.validatorIndex = this.opts.signer.validatorIndex;
      signed.signature = signProof(proof, this.opts.validators.domain, this.opts.signer);
    }
    const ssz = SignedExecutionProof.serialize(signed);
    const verdict = await this.validator.validate(ssz, { payloadKnown: true });
    if (verdict.action === 'reject') throw new Error(`refusing to publish: ${verdict.reason}`);
    // IGNORE: the network already has a valid proof of this type for the payload (or this one).
    if (verdict.action === 'ignore') return { published: false, recipients: 0, reason: verdict.reason };
    await this.keep(signed);
    this.notify('proof', { proof: signed, via: 'local' });
    const result = await this.pubsub.publish(this.topic, ssz);
    return { published: true, recipients: result.recipients.length };
  }

  /** The sidecar learned this payload: proofs waiting for it are revalidated; missing ones fetched. */
  payloadKnown(newPayloadRequestRoot: Uint8Array): void {
    this.validator.pending.known(newPayloadRequestRoot);
    if (this.limits.autoCatchUpDelayMs <= 0) return;
    const timer = setTimeout(() => {
      this.autoCatchUps.delete(timer);
      if (this.validator.hasAnyValidProof(newPayloadRequestRoot)) return;
      void this.catchUp([newPayloadRequestRoot]).catch((e) => this.log.debug({ err: (e as Error).message }, 'auto catch-up failed'));
    }, this.limits.autoCatchUpDelayMs);
    this.autoCatchUps.add(timer);
  }

  /**
   * Asks connected peers for proofs of these payloads (a late joiner or a restarted node).
   * Every proof returned goes through full validation. Returns the proofs newly accepted.
   */
  async catchUp(newPayloadRequestRoots: Uint8Array[]): Promise<SignedExecutionProof[]> {
    const accepted: SignedExecutionProof[] = [];
    let wanted = newPayloadRequestRoots.filter((r) => !this.validator.hasAnyValidProof(r));
    const peers = shuffle(this.libp2p.getPeers()).slice(0, this.limits.catchUpPeers);
    for (const peer of peers) {
      if (wanted.length === 0) break;
      batches: for (let i = 0; i < wanted.length; i += this.limits.catchUpBatch) {
        const batch = wanted.slice(i, i + this.limits.catchUpBatch);
        for (const ssz of await this.catchUpService.fetch(peer, batch)) {
          const verdict = await this.validator.validate(ssz);
          this.notify('verdict', { via: 'catch-up', from: peer.toString(), action: verdict.action, reason: verdict.action === 'accept' ? undefined : verdict.reason });
          if (verdict.action === 'reject') {
            // Only a broken or hostile peer serves a proof that fails validation: drop it and move on.
            this.ban(peer, 'served an invalid proof on catch-up');
            break batches;
          }
          if (verdict.action !== 'accept') continue;
          await this.keep(verdict.proof);
          accepted.push(verdict.proof);
          this.notify('proof', { proof: verdict.proof, via: 'catch-up', from: peer.toString() });
        }
      }
      wanted = wanted.filter((r) => !this.validator.hasAnyValidProof(r));
    }
    return accepted;
  }

  private async onGossip({ propagationSource, msgId, msg }: GossipsubMessage): Promise<void> {
    const from = propagationSource.toString();
    let verdict: Verdict;
    if (msg.topic !== this.topic) {
      verdict = { action: 'ignore', reason: 'unexpected topic' };
    } else if (this.validating >= this.limits.maxConcurrentValidations) {
      verdict = { action: 'ignore', reason: 'validation queue full' };
    } else {
      this.validating++;
      try {
        verdict = await this.validator.validate(msg.data);
      } catch (e) {
        // A bug in validation must not take the node down; the message is simply not forwarded.
        verdict = { action: 'ignore', reason: `validation error: ${(e as Error).message}` };
      } finally {
        this.validating--;
      }
    }
    if (this.stopped) return;
    const acceptance = verdict.action === 'accept' ? TopicValidatorResult.Accept : verdict.action === 'ignore' ? TopicValidatorResult.Ignore : TopicValidatorResult.Reject;
    this.pubsub.reportMessageValidationResult(msgId, from, acceptance);
    this.notify('verdict', { via: 'gossip', from, action: verdict.action, reason: verdict.action === 'accept' ? undefined : verdict.reason, msgId });
    if (verdict.action === 'accept') {
      await this.keep(verdict.proof);
      this.notify('proof', { proof: verdict.proof, via: 'gossip', from });
    } else if (verdict.action === 'reject') {
      this.log.warn({ peer: from, reason: verdict.reason }, 'rejected gossip proof');
      this.dropBadPeers();
    }
  }

  /** Emits to listeners; a throwing listener is logged instead of breaking the gossip pipeline. */
  private notify<K extends keyof ProofGossipEvents>(event: K, payload: ProofGossipEvents[K][0]): void {
    try {
      // (EventEmitter's typing cannot follow a generic event name; the signature above keeps it sound.)
      (this.emit as (e: string, p: unknown) => boolean)(event, payload);
    } catch (e) {
      this.log.warn({ event, err: (e as Error).message }, 'event listener threw');
    }
  }

  /** Stores a verified proof; a full or failing disk is logged, it does not stop delivery. */
  private async keep(proof: SignedExecutionProof): Promise<void> {
    try {
      await this.store.put(proof);
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not store proof');
    }
  }

  /** Disconnects and bans peers whose gossipsub score fell below the graylist threshold. */
  private dropBadPeers(): void {
    if (this.stopped) return;
    for (const peer of this.libp2p.getPeers()) {
      if (this.pubsub.getScore(peer.toString()) < SCORE_THRESHOLDS.graylistThreshold) this.ban(peer, 'gossip score below graylist threshold');
    }
  }

  private ban(peer: PeerId, reason: string): void {
    const id = peer.toString();
    if (this.stopped || this.isBanned(id)) return;
    const score = this.pubsub.getScore(id);
    this.banned.set(id, Date.now() + this.limits.banDurationMs);
    this.log.warn({ peer: id, score, reason }, 'disconnecting and banning peer');
    this.notify('banned', { peerId: id, score, reason });
    void this.libp2p.hangUp(peer).catch(() => undefined);
  }

  /** Currently connected peers with their gossip score. */
  peers(): PeerInfo[] {
    const byPeer = new Map<string, PeerInfo>();
    for (const c of this.libp2p.getConnections()) {
      const id = c.remotePeer.toString();
      const known = byPeer.get(id);
      if (known !== undefined) known.addrs.push(c.remoteAddr.toString());
      else byPeer.set(id, { peerId: id, addrs: [c.remoteAddr.toString()], direction: c.direction, score: this.pubsub.getScore(id) });
    }
    return [...byPeer.values()];
  }

  /** Peers subscribed to the proof topic. */
  topicPeers(): string[] {
    return this.pubsub.getSubscribers(this.topic).map((p) => p.toString());
  }

  /** Received proofs waiting for their payload to become known. */
  get pendingProofs(): number {
    return this.validator.pending.size;
  }

  /** Gossip score this node gives a peer. */
  score(peerId: string): number {
    return this.pubsub.getScore(peerId);
  }

  isBanned(peerId: string): boolean {
    return isBannedIn(this.banned, peerId);
  }

  /** Round-trip time to a connected peer (libp2p ping), in ms. */
  async ping(peerId: string): Promise<number> {
    return this.libp2p.services.ping.ping(peerIdFromString(peerId), { signal: AbortSignal.timeout(10_000) });
  }

  /** Verified proofs this node holds for a payload (from the store). */
  async proofsFor(newPayloadRequestRoot: Uint8Array): Promise<SignedExecutionProof[]> {
    return (await this.store.byPayloadRoot(newPayloadRequestRoot)).map((b) => SignedExecutionProof.deserialize(b));
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    for (const t of this.autoCatchUps) clearTimeout(t);
    this.autoCatchUps.clear();
    this.validator.pending.clear();
    await this.libp2p.stop();
    this.log.info({ peerId: this.peerId }, 'proof gossip stopped');
  }
}

/** Clear errors for addresses libp2p would refuse with a bare parse error, or silently skip. */
function checkAddresses(opts: ProofGossipOptions): void {
  if (opts.listen.length === 0) throw new Error('p2p: at least one listen multiaddr is needed');
  for (const a of opts.listen) {
    if (!/^\/ip[46]\/[^/]+\/tcp\/\d+$/.test(a)) throw new Error(`p2p: listen address "${a}" is not a TCP multiaddr like /ip4/0.0.0.0/tcp/9100`);
  }
  for (const a of opts.bootstrap ?? []) {
    if (!/^\/(ip4|ip6|dns4|dns6|dns)\/[^/]+\/tcp\/\d+\/p2p\/[1-9A-HJ-NP-Za-km-z]+$/.test(a)) {
      throw new Error(`p2p: bootstrap address "${a}" must look like /ip4/1.2.3.4/tcp/9100/p2p/<peer id>`);
    }
  }
}

function shuffle<T>(items: T[]): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}
