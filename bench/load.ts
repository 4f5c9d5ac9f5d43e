import autocannon from 'autocannon';
import type { BenchRequest } from './ops.js';

const HELP = `Usage: tsx bench/load.ts '<job as JSON>'

The benchmark's load generator, run by bench/run.ts in its own process so that it never shares an
event loop with a server. The job: {"url", "requests": [{method, path, headers, body}], "seconds",
"connections"}; the requests are sent round-robin on each connection. Prints one JSON line:
{"rps", "p50", "p99", "errors", "requests"} (latencies in ms; errors = socket errors + timeouts + non-2xx).`;

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
}

const arg = process.argv[2];
if (!arg || arg === '--help') {
  console.log(HELP);
  process.exit(arg ? 0 : 1);
}
const job = JSON.parse(arg) as LoadJob;
const result = await autocannon({
  url: job.url,
  connections: job.connections,
  duration: job.seconds,
  requests: job.requests,
  timeout: 30,
});
const out: LoadResult = {
  rps: Math.round(result.requests.total / (result.duration || job.seconds)),
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  requests: result.requests.total,
};
console.log(JSON.stringify(out));
