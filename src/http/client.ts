/** The address of requests made from this process through app.fetch (no connection). */
export const IN_PROCESS = 'in-process';

/**
 * The address of the connection a request came on (yoga's server context on Node carries `req`); one bucket
 * for requests with none (in-process calls through app.fetch).
 */
export function clientAddress(serverContext: unknown): string {
  const req = (serverContext as { req?: { socket?: { remoteAddress?: string } } } | undefined)?.req;
  return req?.socket?.remoteAddress ?? IN_PROCESS;
}
