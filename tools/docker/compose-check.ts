/**
 * Exercises docker-compose.yml end to end: `docker compose up -d` on the images named by NEO4J_IMAGE and
 * API_IMAGE, waits for the API's /ready through the published port, runs a GraphQL query, an export and the
 * explorer page, restarts the API container and checks that the graph is still there and was not seeded
 * again, then `docker compose down -v` and checks that nothing of the project is left. See --help.
 */
import { spawnSync } from 'node:child_process';
import { prepareGraph } from '../../seed/run.js';
import { freePort } from '../../src/neo4j-local/index.js';

const HELP = `Usage: npx tsx tools/docker/compose-check.ts [--keep] [--help]

Runs docker-compose.yml under the project name unicom-kg-check on free loopback ports, with the images named
by NEO4J_IMAGE and API_IMAGE (defaults: neo4j:5.26-community, unicom-kg/api:local; build local ones with
tools/docker/build-images.sh). It never builds or pulls: the images must be present.
Checks: up -> API /ready (timed), Query.stats and Query.entity through /graphql, /export/entities.csv,
/explore/, the API runs as a non-root user and is healthy, \`docker compose restart api\` keeps the graph
(same seededAt, logs "graph already seeded"), then \`docker compose down -v\` leaves no container, network
or volume. --keep skips the final down (for a look around; run the printed down command yourself).
Exit codes: 0 all checks passed; 1 a check failed; 3 the environment cannot run it (no engine, no
docker compose, an image missing): the message says which.`;

const PROJECT = 'unicom-kg-check';
const NEO4J_IMAGE = process.env.NEO4J_IMAGE || 'neo4j:5.26-community';
const API_IMAGE = process.env.API_IMAGE || 'unicom-kg/api:local';

class Skip extends Error {}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', env, cwd: new URL('../../', import.meta.url) });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim(), stdout: (r.stdout ?? '').trim() };
}

const log = (msg: string) => console.log(`[compose-check ${new Date().toISOString().slice(11, 19)}] ${msg}`);
let passed = 0;
let failed = 0;
function check(name: string, ok: boolean, detail = ''): void {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` (${detail})` : ''}`);
}

async function waitReady(base: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    // docker-proxy accepts connections before the container listens and then holds them silently: time out.
    const status = await fetch(`${base}/ready`, { signal: AbortSignal.timeout(5_000) }).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 200) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the API's /ready did not answer 200 within ${timeoutMs / 1000} s`);
}

async function graphql(base: string, query: string): Promise<any> {
  const res = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(60_000),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const STATS = /* GraphQL */ `{ stats { kinds { kind count } lines seededAt } meituan: entity(name: "美團") { id nameEn } }`;

async function main(): Promise<void> {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    console.log(HELP);
    return;
  }
  const keep = process.argv.includes('--keep');
  if (!run('docker', ['info']).ok) throw new Skip('no Docker engine answers (`docker info` failed)');
  const version = run('docker', ['compose', 'version']);
  if (!version.ok) throw new Skip('`docker compose` (v2) is not installed; tools/docker/ci.sh builds it');
  for (const image of [NEO4J_IMAGE, API_IMAGE])
    if (!run('docker', ['image', 'inspect', image]).ok)
      throw new Skip(`image ${image} is not present; build local images with tools/docker/build-images.sh and set NEO4J_IMAGE`);
  log(`${version.stdout}; images ${NEO4J_IMAGE}, ${API_IMAGE}`);

  // Ports free a moment ago can be taken by Docker itself meanwhile (a container of the test run still being
  // removed): on "port is already allocated" the stack is taken down and started again on other ports.
  let ports: number[] = [];
  let env: NodeJS.ProcessEnv = process.env;
  const compose = (...args: string[]) => run('docker', ['compose', '-p', PROJECT, ...args], env);
  const choosePorts = async () => {
    ports = [await freePort(), await freePort(), await freePort()];
    env = {
      ...process.env,
      NEO4J_IMAGE,
      API_IMAGE,
      API_PORT: String(ports[0]),
      NEO4J_HTTP_PORT: String(ports[1]),
      NEO4J_BOLT_PORT: String(ports[2]),
    };
  };
  await choosePorts();

  let completed = false;
  let base = '';
  try {
    const upStarted = Date.now();
    for (let attempt = 1; ; attempt++) {
      const up = compose('up', '-d', '--no-build', '--pull', 'never');
      if (up.ok) break;
      if (attempt < 3 && /port is already allocated/.test(up.out)) {
        log(`docker compose up: a chosen port was taken meanwhile (attempt ${attempt}); again on other ports`);
        compose('down', '-v', '--remove-orphans');
        await choosePorts();
        continue;
      }
      throw new Error(`docker compose up failed:\n${up.out}`);
    }
    base = `http://127.0.0.1:${ports[0]}`;
    log(`docker compose up -d: API on ${base}, waiting for /ready`);
    const readyMs = await waitReady(base, 600_000);
    const total = ((Date.now() - upStarted) / 1000).toFixed(1);
    log(`/ready answered 200 ${(readyMs / 1000).toFixed(1)} s after up returned, ${total} s after up started`);
    check('API /ready after docker compose up', true, `${total} s from up`);

    const first = await graphql(base, STATS);
    const kinds = new Map<string, number>((first.body.data?.stats?.kinds ?? []).map((k: any) => [k.kind, k.count]));
    // The counts the seed of this checkout writes (seed/run.ts, no database), so the check follows the data.
    const seedEntities = prepareGraph().entities;
    const want = (kind: string) => seedEntities.filter((e) => e.props.kind === kind).length;
    check(
      'Query.stats through the published port',
      first.status === 200 && kinds.get('COMPANY') === want('COMPANY') && kinds.get('METRIC') === want('METRIC'),
      `COMPANY=${kinds.get('COMPANY')} (seed ${want('COMPANY')}), METRIC=${kinds.get('METRIC')} (seed ${want('METRIC')})`,
    );
    check('Query.stats.lines is the source text', first.body.data?.stats?.lines === 5284, `lines=${first.body.data?.stats?.lines}`);
    check('Query.entity(name: "美團")', first.body.data?.meituan?.id === 'partner/meituan', JSON.stringify(first.body.data?.meituan));

    const csv = await fetch(`${base}/export/entities.csv`, { signal: AbortSignal.timeout(60_000) });
    const csvText = await csv.text();
    check(
      'export /export/entities.csv',
      csv.status === 200 && /text\/csv/.test(csv.headers.get('content-type') ?? '') && csvText.includes('partner/meituan'),
      `${csv.status}, ${csvText.split('\n').length - 1} lines`,
    );
    const explore = await fetch(`${base}/explore/`, { signal: AbortSignal.timeout(60_000) });
    check(
      'explorer /explore/ (public/ in the image)',
      explore.status === 200 && (await explore.text()).includes('<html'),
      String(explore.status),
    );

    const uid = compose('exec', '-T', 'api', 'id', '-u');
    check('API runs as a non-root user', uid.ok && uid.stdout !== '0', `uid ${uid.stdout}`);
    const apiId = compose('ps', '-q', 'api').stdout;
    let health = '';
    for (let i = 0; i < 60 && health !== 'healthy'; i++) {
      health = run('docker', ['inspect', '--format', '{{.State.Health.Status}}', apiId]).stdout;
      if (health !== 'healthy') await new Promise((r) => setTimeout(r, 1000));
    }
    check("API container's HEALTHCHECK (/ready)", health === 'healthy', health);

    const restarted = Date.now();
    const restart = compose('restart', 'api');
    if (!restart.ok) throw new Error(`docker compose restart api failed:\n${restart.out}`);
    const againMs = await waitReady(base, 300_000);
    log(
      `restarted the api container; /ready again after ${((Date.now() - restarted) / 1000).toFixed(1)} s (${(againMs / 1000).toFixed(1)} s after restart returned)`,
    );
    const second = await graphql(base, STATS);
    const kinds2 = new Map<string, number>((second.body.data?.stats?.kinds ?? []).map((k: any) => [k.kind, k.count]));
    check('graph still there after restarting the API', kinds2.get('COMPANY') === 6 && second.body.data?.meituan?.id === 'partner/meituan');
    check(
      'not seeded again (same Stats.seededAt)',
      typeof first.body.data?.stats?.seededAt === 'string' && second.body.data?.stats?.seededAt === first.body.data?.stats?.seededAt,
      `${first.body.data?.stats?.seededAt} -> ${second.body.data?.stats?.seededAt}`,
    );
    const logs = compose('logs', '--no-color', 'api').out;
    const seeded = (logs.match(/"msg":"seeded"/g) ?? []).length;
    const already = (logs.match(/"msg":"graph already seeded"/g) ?? []).length;
    check(
      'API logs: seeded once, then "graph already seeded"',
      seeded === 1 && already === 1,
      `seeded ${seeded}, already seeded ${already}`,
    );
    completed = true;
  } finally {
    if (!completed || failed) console.log(`--- last log lines of the services ---\n${compose('logs', '--no-color', '--tail', '40').out}`);
    if (keep) log(`--keep: left running; remove with: docker compose -p ${PROJECT} down -v`);
    else {
      // Volumes of the project's containers, anonymous ones (the image's VOLUME /logs) included: they carry no project label.
      const ids = compose('ps', '-aq').stdout.split('\n').filter(Boolean);
      const mounts = ids.length ? run('docker', ['inspect', '--format', '{{range .Mounts}}{{.Name}} {{end}}', ...ids]).stdout : '';
      const volumes = [...new Set(mounts.split(/\s+/).filter(Boolean))];
      const down = compose('down', '-v', '--remove-orphans');
      if (!down.ok) console.log(down.out);
      const label = `label=com.docker.compose.project=${PROJECT}`;
      const leftover = () =>
        [
          run('docker', ['ps', '-aq', '--filter', label]).stdout,
          run('docker', ['network', 'ls', '-q', '--filter', label]).stdout,
          run('docker', ['volume', 'ls', '-q', '--filter', label]).stdout,
          ...volumes.filter((v) => run('docker', ['volume', 'inspect', v]).ok),
        ].filter(Boolean);
      // The engine may finish removing an anonymous volume a moment after `down` returns (seen once in CI on a
      // loaded machine): look again for up to 10 s before calling anything left behind.
      let left = leftover();
      for (let i = 0; i < 20 && left.length > 0; i++) {
        await new Promise((r) => setTimeout(r, 500));
        left = leftover();
      }
      check('docker compose down -v leaves no container, network or volume', down.ok && left.length === 0, left.join(' '));
    }
  }
}

// Undici leaves a socket that docker-proxy holds open unreferenced: without a referenced handle, Node would
// exit with the check half done.
setInterval(() => {}, 60_000);
main().then(
  () => {
    console.log(`compose-check: ${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
  },
  (err: Error) => {
    if (err instanceof Skip) {
      console.log(`compose-check: SKIP: ${err.message}`);
      process.exit(3);
    }
    console.log(`compose-check: FAIL: ${err.message}`);
    console.log(`compose-check: ${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  },
);
