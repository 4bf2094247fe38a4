// A beacon node stand-in on loopback for the beacon-API tests (no beacon node installs here):
// real HTTP with SSE `/eth/v1/events`, genesis and spec, and the EIP-8025 proof endpoint, which
// records every body and answers with the statuses a test lines up.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

export interface PostedProofs {
  path: string;
  contentType: string | undefined;
  body: Buffer;
}

export class BeaconStandIn {
  readonly posted: PostedProofs[] = [];
  /** Statuses the proof endpoint answers, in turn; 200 once they run out. */
  proofStatuses: number[] = [];
  /** Topics answered 400 (as a pre-Gloas node answers `execution_payload`). */
  unknownTopics = new Set<string>();
  genesisTime = 0;
  subscriptions: string[] = [];
  private server?: Server;
  private readonly streams = new Map<string, ServerResponse[]>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Starts (again) on `port` (0: any free one). */
  async listen(port = this.port): Promise<void> {
    const server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  /** Stops, cutting open event streams (a crashed node). */
  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    this.streams.clear();
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  /** Number of open streams for a topic. */
  listeners(topic: string): number {
    return this.streams.get(topic)?.length ?? 0;
  }

  /** Writes raw SSE text to every stream of `topic`. */
  sendRaw(topic: string, text: string): void {
    for (const res of this.streams.get(topic) ?? []) res.write(text);
  }

  send(topic: string, data: unknown): void {
    this.sendRaw(topic, `event: ${topic}\ndata: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/eth/v1/events') {
      const topic = url.searchParams.get('topics') ?? '';
      this.subscriptions.push(topic);
      if (this.unknownTopics.has(topic)) {
        res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 400, message: `Invalid topic: ${topic}` }));
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      res.write(': connected\n\n');
      const list = this.streams.get(topic) ?? [];
      list.push(res);
      this.streams.set(topic, list);
      req.on('close', () => list.splice(list.indexOf(res), 1));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/eth/v1/beacon/genesis') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { genesis_time: String(this.genesisTime), genesis_validators_root: '0x' + '00'.repeat(32), genesis_fork_version: '0x00000000' } }));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/eth/v1/config/spec') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: { SECONDS_PER_SLOT: '12', SLOTS_PER_EPOCH: '32' } }));
      return;
    }
    if (req.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.posted.push({ path: url.pathname, contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
        const status = this.proofStatuses.shift() ?? 200;
        if (status === 200) res.writeHead(200).end();
        else res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ code: status, message: status === 400 ? 'invalid signature' : 'unavailable' }));
      });
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ code: 404, message: 'not found' }));
  }
}
