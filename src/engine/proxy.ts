// The Engine API endpoint the beacon node talks to. It checks the beacon node's JWT, then either
// forwards every call byte-for-byte to the execution client (re-signed with a fresh JWT) and
// returns the answer unchanged, or, in proof-only mode, answers from verified proofs. Payloads the
// execution client calls VALID are reported after the answer has been sent, so proving never
// delays or alters it.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log/logger.js';
import { newPayloadVersion } from '../verify/payload.js';
import { verifyJwt } from './jwt.js';
import {
  ENGINE_TOO_LARGE_REQUEST,
  errorResponse,
  idOf,
  isRequest,
  RPC_INTERNAL_ERROR,
  RPC_INVALID_REQUEST,
  RPC_PARSE_ERROR,
  RPC_SERVER_ERROR,
  type JsonRpcRequest,
  type JsonRpcResponse,
} from './jsonrpc.js';
import type { ProofOnlyEngine } from './proof-only.js';
import { UpstreamError, type ExecutionClient } from './upstream.js';

export type EngineBackend = { kind: 'forward'; el: ExecutionClient } | { kind: 'proof-only'; engine: ProofOnlyEngine };

export interface ValidPayload {
  method: string;
  params: unknown[];
  receivedAt: number;
}

export interface EngineProxyOptions {
  host: string;
  port: number;
  /** Secret the beacon node signs with. */
  jwtSecret: Buffer;
  maxBodyBytes: number;
  backend: EngineBackend;
  log: Logger;
  /** Called after the reply for each engine_newPayload the execution client answered VALID. */
  onValidPayload?: (p: ValidPayload) => void;
  /** Observability: one call per JSON-RPC method handled, with the outcome. */
  onCall?: (method: string, outcome: 'ok' | 'error' | 'unreachable') => void;
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) return reject(new BodyTooLarge());
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export class EngineProxy {
  private server?: Server;

  constructor(private readonly opts: EngineProxyOptions) {}

  async listen(): Promise<{ host: string; port: number; url: string }> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((e: unknown) => {
        this.opts.log.error({ err: e }, 'engine request failed unexpectedly');
        sendJson(res, 500, errorResponse(null, RPC_INTERNAL_ERROR, 'internal error'));
      });
    });
    // Slow-loris guard: a request must arrive in full within this time.
    server.requestTimeout = 30_000;
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.opts.port, this.opts.host, () => resolve());
    });
    const a = server.address() as AddressInfo;
    return { host: a.address, port: a.port, url: `http://${a.address}:${a.port}` };
  }

  async close(): Promise<void> {
    const s = this.server;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const log = this.opts.log;
    if (req.method !== 'POST') {
      res.writeHead(405, { allow: 'POST' }).end();
      return;
    }
    const auth = verifyJwt(req.headers.authorization, this.opts.jwtSecret);
    if (!auth.ok) {
      log.warn({ reason: auth.reason, remote: req.socket.remoteAddress }, 'engine request rejected: bad JWT');
      req.resume();
      sendJson(res, 401, errorResponse(null, RPC_SERVER_ERROR, `unauthorized: ${auth.reason}`));
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, this.opts.maxBodyBytes);
    } catch (e) {
      if (e instanceof BodyTooLarge) {
        log.warn({ limit: this.opts.maxBodyBytes }, 'engine request rejected: body too large');
        res.setHeader('connection', 'close');
        sendJson(res, 413, errorResponse(null, ENGINE_TOO_LARGE_REQUEST, `request body exceeds ${this.opts.maxBodyBytes} bytes`));
        return;
      }
      throw e;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.toString('utf8'));
    } catch {
      log.warn({ bytes: body.length }, 'engine request rejected: not JSON');
      sendJson(res, 400, errorResponse(null, RPC_PARSE_ERROR, 'parse error: body is not JSON'));
      return;
    }
    const batch = Array.isArray(parsed);
    const items = batch ? (parsed as unknown[]) : [parsed];
    if (items.length === 0 || !items.every(isRequest)) {
      const bad = items.find((x) => !isRequest(x));
      log.warn({ batch, size: items.length }, 'engine request rejected: not a JSON-RPC request');
      sendJson(res, 400, errorResponse(idOf(bad), RPC_INVALID_REQUEST, items.length === 0 ? 'empty batch' : 'invalid JSON-RPC 2.0 request'));
      return;
    }
    const requests = items as JsonRpcRequest[];
    const backend = this.opts.backend;
    if (backend.kind === 'proof-only') {
      const answers = await Promise.all(requests.map((r) => backend.engine.handle(r)));
      for (const [i, a] of answers.entries()) this.opts.onCall?.(requests[i].method, a.error ? 'error' : 'ok');
      sendJson(res, 200, batch ? answers : answers[0]);
      return;
    }
    const receivedAt = Date.now();
    let reply;
    try {
      reply = await backend.el.forward(body);
    } catch (e) {
      const msg = e instanceof UpstreamError ? e.message : `execution client error: ${(e as Error).message}`;
      log.error({ methods: requests.map((r) => r.method) }, msg);
      for (const r of requests) this.opts.onCall?.(r.method, 'unreachable');
      const errs = requests.map((r) => errorResponse(r.id ?? null, RPC_SERVER_ERROR, msg));
      sendJson(res, 502, batch ? errs : errs[0]);
      return;
    }
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': reply.body.length });
    res.end(reply.body);
    // After the answer: look for VALID newPayload results.
    setImmediate(() => this.inspect(requests, reply.body, receivedAt));
  }

  private inspect(requests: JsonRpcRequest[], body: Buffer, receivedAt: number): void {
    let answers: JsonRpcResponse[];
    try {
      const parsed = JSON.parse(body.toString('utf8')) as JsonRpcResponse | JsonRpcResponse[];
      answers = Array.isArray(parsed) ? parsed : [parsed];
    } catch {
      this.opts.log.warn('execution client answered with a body that is not JSON');
      for (const r of requests) this.opts.onCall?.(r.method, 'error');
      return;
    }
    const unmatched = [...answers];
    for (const r of requests) {
      const i = unmatched.findIndex((a) => a && a.id === (r.id ?? null));
      const answer = i >= 0 ? unmatched.splice(i, 1)[0] : undefined;
      this.opts.onCall?.(r.method, answer && !answer.error ? 'ok' : 'error');
      if (newPayloadVersion(r.method) === null || !answer) continue;
      const status = (answer.result as { status?: unknown } | undefined)?.status;
      if (status === 'VALID' && Array.isArray(r.params)) {
        try {
          this.opts.onValidPayload?.({ method: r.method, params: r.params, receivedAt });
        } catch (e) {
          this.opts.log.warn({ err: (e as Error).message, method: r.method }, 'could not create a proving job');
        }
      }
    }
  }
}
