import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import type { BenchRequest } from './ops.js';

const HELP = `Usage: tsx bench/load.ts <job.json>

The benchmark's load generator, run by bench/run.ts in its own process so that it never shares an
event loop with a server. The job file: {"url", "requests": [{method, path, headers, body}], "seconds",
"connections"}. Every request sent, on whichever connection, takes the NEXT entry of "requests"
(one counter shared by all connections, wrapping around at the end): a list of varied parameters is
walked in order, and concurrent connections do not send the same request at the same time.
Prints one JSON line: {"rps", "p50", "p99", "errors", "requests", "sent"} (latencies in ms; errors =
socket errors + timeouts + non-2xx; sent = entries taken from the list, as a check of the cycling).`;

export interface LoadJob {
  url: string;
  requests: BenchRequest[];
  seconds: number;
  connections: number;
}

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** How many entries were taken from the request list (≥ requests: each connection builds its next one ahead). */
  sent: number;
  /** Where errors came from, e.g. "non-2xx 120 (503×120), socket errors 3, timeouts 0"; absent without errors. */
  errorDetail?: string;
}

const arg = process.argv[2];
if (!arg || arg === '--help') {
  console.log(HELP);
  process.exit(arg ? 0 : 1);
}
const job = JSON.parse(readFileSync(arg, 'utf8')) as LoadJob;
if (!job.requests?.length) throw new Error(`${arg}: the job has no requests`);
let next = 0;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  // One entry whose setupRequest takes the next request of the list: autocannon rebuilds it for every send.
  requests: [
    {
      setupRequest: (req: any) => {
        const r = job.requests[next % job.requests.length] as BenchRequest;
        next++;
        return { ...req, method: r.method, path: r.path, headers: r.headers, body: r.body };
      },
    },
  ],
  timeout: 30,
});
const out: LoadResult = {
  rps: Math.round(result.requests.total / (result.duration || job.seconds)),
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  requests: result.requests.total,
  sent: next,
};
if (out.errors > 0) {
  const codes = Object.entries((result as any).statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, v]) => `${code}×${(v as { count: number }).count}`)
    .join(', ');
  out.errorDetail = `non-2xx ${result.non2xx}${codes ? ` (${codes})` : ''}, socket errors ${result.errors}, timeouts ${result.timeouts}`;
}
console.log(JSON.stringify(out));
