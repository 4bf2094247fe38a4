// A server-sent-events subscription over fetch (WHATWG "server-sent events" framing: `event:`,
// `data:`, `id:`, `retry:`, `:` comments, blank line ends an event). It reconnects with backoff
// when the stream drops or the server is unreachable, and gives up only on an answer that says
// the subscription itself is wrong (400: a topic the node does not know; 404: no events API).
// Every connection change is reported, so the caller can log it and count it.

export interface SseEvent {
  event: string;
  data: string;
}

export type StreamStatus =
  | { kind: 'connected' }
  | { kind: 'http-error'; status: number; body: string; final: boolean }
  | { kind: 'unreachable'; error: string }
  | { kind: 'dropped' };

export interface EventStreamOptions {
  onEvent: (e: SseEvent) => void;
  onStatus?: (s: StreamStatus) => void;
  /** First reconnect delay, ms; doubles up to `maxRetryMs`, reset by a successful connection. */
  retryMs?: number;
  maxRetryMs?: number;
}

/** Parses SSE text as it arrives; complete events go to `emit`. */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];
  /** Reconnect delay the server asked for (`retry:`), if any. */
  retryMs?: number;

  constructor(private readonly emit: (e: SseEvent) => void) {}

  /** The last line ended in a CR that was the chunk's last character: a LF next belongs to it. */
  private pendingCr = false;

  push(text: string): void {
    this.buffer += text;
    if (this.pendingCr && this.buffer.startsWith('\n')) this.buffer = this.buffer.slice(1);
    this.pendingCr = false;
    for (;;) {
      const nl = this.buffer.search(/\r\n|\r|\n/);
      if (nl < 0) break;
      const line = this.buffer.slice(0, nl);
      const crlf = this.buffer.startsWith('\r\n', nl);
      this.pendingCr = !crlf && this.buffer[nl] === '\r' && nl === this.buffer.length - 1;
      this.buffer = this.buffer.slice(nl + (crlf ? 2 : 1));
      this.line(line);
    }
  }

  private line(line: string): void {
    if (line === '') {
      if (this.data.length > 0) this.emit({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'retry' && /^\d+$/.test(value)) this.retryMs = Number(value);
  }
}

export class EventStream {
  private readonly abort = new AbortController();
  private running?: Promise<void>;

  constructor(
    readonly url: string,
    private readonly opts: EventStreamOptions,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const base = this.opts.retryMs ?? 1000;
    const max = this.opts.maxRetryMs ?? 30_000;
    let delay = base;
    const signal = this.abort.signal;
    while (!signal.aborted) {
      const parser = new SseParser(this.opts.onEvent);
      try {
        const res = await fetch(this.url, { headers: { accept: 'text/event-stream' }, signal });
        if (!res.ok || !res.body) {
          const body = (await res.text().catch(() => '')).slice(0, 300);
          const final = res.status === 400 || res.status === 404;
          this.opts.onStatus?.({ kind: 'http-error', status: res.status, body, final });
          if (final) return;
        } else {
          this.opts.onStatus?.({ kind: 'connected' });
          delay = base;
          const decoder = new TextDecoder();
          for await (const chunk of res.body as AsyncIterable<Uint8Array>) parser.push(decoder.decode(chunk, { stream: true }));
          if (!signal.aborted) this.opts.onStatus?.({ kind: 'dropped' });
        }
      } catch (e) {
        if (signal.aborted) return;
        const cause = (e as { cause?: { code?: string } }).cause?.code;
        this.opts.onStatus?.({ kind: 'unreachable', error: cause ?? (e as Error).message });
      }
      if (signal.aborted) return;
      const wait = parser.retryMs ?? delay;
      delay = Math.min(delay * 2, max);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, wait);
        signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
      });
    }
  }
}
