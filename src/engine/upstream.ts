// The execution client as seen by the proxy: raw bytes in, raw bytes out, our own fresh JWT on
// every call (the beacon node's token is checked by us and not passed on).
import { signJwt } from './jwt.js';

export interface UpstreamReply {
  status: number;
  contentType: string;
  body: Buffer;
}

export class UpstreamError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UpstreamError';
  }
}

export class ExecutionClient {
  constructor(
    readonly url: string,
    private readonly secret: Buffer,
    private readonly timeoutMs: number,
  ) {}

  /** Forwards a request body unchanged. Throws UpstreamError when the client cannot be reached. */
  async forward(body: Buffer): Promise<UpstreamReply> {
    let res: Response;
    try {
      res = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${signJwt(this.secret)}` },
        body,
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      const why = err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : (err.cause?.code ?? err.cause?.message ?? err.message);
      throw new UpstreamError(`execution client ${this.url} unreachable: ${why}`);
    }
    let bytes: Buffer;
    try {
      bytes = Buffer.from(await res.arrayBuffer());
    } catch (e) {
      throw new UpstreamError(`execution client ${this.url} broke off its answer: ${(e as Error).message}`);
    }
    return { status: res.status, contentType: res.headers.get('content-type') ?? 'application/json', body: bytes };
  }

  /** One JSON-RPC call for our own use (capability probes, witness fetches). */
  async call<T>(method: string, params: unknown[]): Promise<T> {
    const reply = await this.forward(Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params })));
    let parsed: { result?: T; error?: { code: number; message: string } };
    try {
      parsed = JSON.parse(reply.body.toString('utf8'));
    } catch {
      throw new UpstreamError(`execution client answered ${method} with HTTP ${reply.status} and no JSON`);
    }
    if (parsed.error) throw Object.assign(new Error(`${method}: ${parsed.error.message}`), { code: parsed.error.code });
    return parsed.result as T;
  }
}
