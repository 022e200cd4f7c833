import type { ServerResponse } from 'node:http';
import { isEventName } from '../shared/contract.ts';
import type { AnyEventListener } from '../shared/dispatch.ts';

/** Anything that publishes contract events, e.g. core's EventHub. */
export interface EventPublisher {
  subscribe(listener: AnyEventListener): () => void;
}

/** A comment line every 15 s keeps proxies and idle timers from closing a quiet stream. */
export const HEARTBEAT_MS = 15_000;

/**
 * The open Server-Sent Events streams of one host. Each stream holds one
 * subscription and one heartbeat timer; both are released when the client
 * goes away or the host closes.
 */
export class EventStreams {
  readonly #publisher: EventPublisher;
  readonly #disposers = new Set<() => void>();

  constructor(publisher: EventPublisher) {
    this.#publisher = publisher;
  }

  get size(): number {
    return this.#disposers.size;
  }

  /** Turns `response` into an event stream; returns its disposer (also run on disconnect). */
  open(response: ServerResponse): () => void {
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    // An initial comment flushes the headers so EventSource fires `open` at once.
    response.write(': connected\n\n');

    const unsubscribe = this.#publisher.subscribe((name, payload) => {
      // Only contract events leave the process, whatever else the publisher carries.
      if (!isEventName(name)) return;
      response.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
    });
    const heartbeat = setInterval(() => response.write(': heartbeat\n\n'), HEARTBEAT_MS);

    let disposed = false;
    const dispose = (): void => {
      if (disposed) return;
      disposed = true;
      clearInterval(heartbeat);
      unsubscribe();
      this.#disposers.delete(dispose);
      if (!response.writableEnded) response.end();
    };
    this.#disposers.add(dispose);
    response.on('close', dispose);
    return dispose;
  }

  /** Ends every open stream. */
  closeAll(): void {
    for (const dispose of [...this.#disposers]) dispose();
  }
}
