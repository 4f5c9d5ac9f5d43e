import { createServer, type RequestListener, type Server } from 'node:http';

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
