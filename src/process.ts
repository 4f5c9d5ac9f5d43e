import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Refuses (closes) a new connection from an address that already holds `max` open connections. */
export function limitConnectionsPerClient(server: Server, max: number): void {
  const open = new Map<string, number>();
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > max) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

export interface HttpLimits {
  /** A request must arrive whole within this long (Node's default, 300 s, lets a slow sender hold a connection). */
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  maxConnectionsPerClient: number;
}

/**
 * The HTTP server: slow senders are cut off after `requestTimeoutMs` (checked every second, not Node's
 * default 30 s), and one client address holds at most `maxConnectionsPerClient` connections.
 */
export function createHttpServer(handler: RequestListener, limits: HttpLimits): Server {
  const server = createServer(
    {
      requestTimeout: limits.requestTimeoutMs,
      headersTimeout: Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs),
      connectionsCheckingInterval: 1_000,
    },
    handler,
  );
  limitConnectionsPerClient(server, limits.maxConnectionsPerClient);
  return server;
}

/** What a request still running when the grace period ends is answered with. */
export interface CutAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * The requests a server is answering, and a graceful stop: stop accepting connections, let the requests in
 * flight finish within a grace period, then answer those still running with `cut(request)` (or, when their
 * answer has begun, close them) and close every connection.
 */
export function trackRequests(server: Server) {
  const open = new Map<ServerResponse, IncomingMessage>();
  let draining = false;
  let finished = 0;
  let settled: (() => void) | undefined;
  // First among the listeners, so a request is counted before it is handled (/health counts itself).
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    open.set(res, req);
    // While stopping, a connection closes after its answer instead of waiting for another request.
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      open.delete(res);
      if (draining) finished += 1;
      if (open.size === 0) settled?.();
    });
  });
  return {
    inFlight: () => open.size,
    async drain(graceMs: number, cut: (req: IncomingMessage) => CutAnswer): Promise<{ finished: number; cut: number }> {
      draining = true;
      server.close();
      server.closeIdleConnections();
      for (const res of open.keys()) if (!res.headersSent) res.setHeader('connection', 'close');
      if (open.size > 0) {
        let timer: NodeJS.Timeout | undefined;
        await new Promise<void>((resolve) => {
          settled = resolve;
          timer = setTimeout(resolve, graceMs);
        });
        clearTimeout(timer);
      }
      const left = [...open];
      for (const [res, req] of left) {
        if (res.headersSent) {
          res.destroy();
          continue;
        }
        const answer = cut(req);
        res.writeHead(answer.status, { ...answer.headers, connection: 'close' });
        res.end(answer.body);
      }
      // Answers written above are flushed before their sockets close; a socket that does not drain is cut.
      if (left.length) await new Promise((r) => setTimeout(r, 200));
      server.closeAllConnections();
      return { finished: finished - left.length, cut: left.length };
    },
  };
}

/**
 * One full garbage collection once the server has had no request for `idleMs` after serving some. V8 collects
 * when it allocates, so a server that goes quiet after a burst kept the burst's garbage (request bodies,
 * parsed documents) for as long as it stayed quiet: 200 MB of heap and 60 MB of ArrayBuffers after 60 s of
 * idling (tools/memory.ts). The collection runs only when nothing is in flight, so it delays no request.
 */
export function collectWhenIdle(server: Server, idleMs: number): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  let lastRequest = 0;
  let inFlight = 0;
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    inFlight += 1;
    lastRequest = Date.now();
    res.once('close', () => {
      inFlight -= 1;
      lastRequest = Date.now();
    });
  });
  let collectedAt = 0;
  const timer = setInterval(
    () => {
      if (inFlight > 0 || lastRequest <= collectedAt || Date.now() - lastRequest < idleMs) return;
      collectedAt = Date.now();
      gc();
    },
    Math.max(100, Math.floor(idleMs / 4)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
