import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * The package root: the nearest folder above this module that holds package.json. From src/neo4j-local/ and
 * from the production build's dist/src/neo4j-local/ alike it is the checkout, so `npm start` and
 * `node dist/server.js` use one launcher, built once.
 */
function packageRoot(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return resolve(here, '../..');
  }
}

/** Where the Maven project that wraps Neo4j Community lives. */
export const TOOL_DIR = join(packageRoot(), 'tools', 'neo4j');

/** The JVM flags Neo4j 5 needs on Java 17+. */
export const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
];

const HOW_TO_AVOID =
  'Alternatively set NEO4J_URI to a running Neo4j 5 (with NEO4J_USER and NEO4J_PASSWORD), or use `docker compose up` (see README).';

/** A local Neo4j could not be started; the message says why and what to do. */
export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

export interface LocalNeo4jOptions {
  /** Folder for the database files; created if missing. */
  dataDir: string;
  /** JVM heap, e.g. "512m". */
  heap?: string;
  pagecacheMb?: number;
  /** How long to wait for Bolt to answer, including a first build. */
  startTimeoutMs?: number;
  /** Progress lines (build, start). */
  log?: (msg: string) => void;
  /** Bolt port; default a free one. Fixed, so a restarted Neo4j comes back where clients expect it. */
  port?: number;
}

export interface LocalNeo4j {
  uri: string;
  port: number;
  pid: number;
  /** Resolves when the process has exited, for whatever reason (see the supervisor). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /**
   * Stops Neo4j cleanly (SIGTERM runs its shutdown hook), or with SIGKILL after `graceMs` (Neo4j recovers
   * from its transaction log at the next start); resolves when the process has exited.
   */
  stop(graceMs?: number): Promise<void>;
}

/** Java's major version, or undefined when no `java` answers. */
export function javaMajorVersion(): number | undefined {
  const r = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`);
  if (!m?.[1]) return undefined;
  const major = Number(m[1]);
  return major === 1 ? Number(m[2]) : major;
}

function checkJava(): void {
  const major = javaMajorVersion();
  if (major === undefined)
    throw new LocalNeo4jError(
      `No NEO4J_URI is set, so unicom-kg starts its own Neo4j, which needs Java 17 or later; \`java -version\` did not answer. Install a JDK 17+ (e.g. \`apt-get install openjdk-17-jdk-headless\`). ${HOW_TO_AVOID}`,
    );
  if (major < 17)
    throw new LocalNeo4jError(
      `No NEO4J_URI is set, so unicom-kg starts its own Neo4j, which needs Java 17 or later; found Java ${major}. Install a JDK 17+. ${HOW_TO_AVOID}`,
    );
}

/** An installation without tools/neo4j (e.g. the Docker image: dist/ and node_modules only) cannot start one. */
function checkLauncher(): void {
  if (!existsSync(join(TOOL_DIR, 'pom.xml')))
    throw new LocalNeo4jError(
      `NEO4J_URI is not set, and this installation has no local Neo4j launcher (tools/neo4j/pom.xml, looked for in ${TOOL_DIR}): set NEO4J_URI to a running Neo4j 5 (with NEO4J_USER and NEO4J_PASSWORD), or start the server from a full checkout.`,
    );
}

function buildStamp(): string {
  const h = createHash('sha256');
  h.update(readFileSync(join(TOOL_DIR, 'pom.xml')));
  const src = join(TOOL_DIR, 'src/main/java/unicomkg');
  for (const f of readdirSync(src).sort()) h.update(f).update(readFileSync(join(src, f)));
  return h.digest('hex');
}

/**
 * Builds the launcher with Maven once; later calls return at once while pom.xml and the Java source are
 * unchanged. Resolving Neo4j's jars from Maven Central takes about a minute the first time.
 */
export function ensureBuilt(log: (msg: string) => void = () => {}): string {
  checkLauncher();
  const target = join(TOOL_DIR, 'target');
  const stampFile = join(target, '.build-stamp');
  const stamp = buildStamp();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) return target;

  const mvn = spawnSync('mvn', ['-v'], { encoding: 'utf8' });
  if (mvn.error || mvn.status !== 0)
    throw new LocalNeo4jError(
      `No NEO4J_URI is set, so unicom-kg builds a local Neo4j from Maven Central jars, which needs Maven; \`mvn -v\` did not answer. Install Maven 3.8+ (e.g. \`apt-get install maven\`). ${HOW_TO_AVOID}`,
    );
  log('building the local Neo4j launcher with Maven (first run: resolves Neo4j 5.26 jars from Maven Central)');
  const r = spawnSync('mvn', ['-B', '-q', '-f', join(TOOL_DIR, 'pom.xml'), 'package', '-DskipTests'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (r.status !== 0)
    throw new LocalNeo4jError(
      `Building the local Neo4j launcher failed (mvn exit ${r.status}). Maven said:\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-25).join('\n')}\nCheck that Maven Central is reachable. ${HOW_TO_AVOID}`,
    );
  writeFileSync(stampFile, stamp);
  return target;
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolvePort(addr.port) : reject(new Error('no port'))));
    });
  });
}

const running = new Set<ChildProcess>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  // Last resort for an abrupt exit; the normal path is stop(). Closing stdin alone also stops Neo4j.
  process.on('exit', () => {
    for (const child of running) child.kill('SIGTERM');
  });
}

/** Starts Neo4j Community 5.26 embedded, with Bolt on 127.0.0.1 and no auth, and waits until it answers. */
export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.log ?? (() => {});
  checkLauncher();
  checkJava();
  const target = ensureBuilt(log);
  const dataDir = resolve(opts.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const port = opts.port ?? (await freePort());
  const args = [
    `-Xmx${opts.heap ?? '512m'}`,
    ...JVM_FLAGS,
    '-cp',
    `${join(target, 'classes')}:${join(target, 'lib', '*')}`,
    'unicomkg.LocalNeo4j',
    '--data',
    dataDir,
    '--port',
    String(port),
    '--pagecache-mb',
    String(opts.pagecacheMb ?? 256),
  ];
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  installExitHook();
  const stderr: string[] = [];
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr.push(chunk);
    if (stderr.length > 200) stderr.shift();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, signal) => {
      running.delete(child);
      res({ code, signal });
    }),
  );

  const timeoutMs = opts.startTimeoutMs ?? 120_000;
  const uri = await new Promise<string>((res, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`Neo4j did not answer within ${timeoutMs} ms. Its last output:\n${tail(stderr)}`));
    }, timeoutMs);
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const m = /^READY (bolt:\/\/\S+)/.exec(line);
      if (m?.[1]) {
        clearTimeout(timer);
        res(m[1]);
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      const out = tail(stderr);
      const locked = /lock|already in use|FileLock/i.test(out);
      reject(
        new LocalNeo4jError(
          locked
            ? `Neo4j could not lock its data folder ${dataDir}: another Neo4j (another unicom-kg server?) is using it. Stop that one, or set NEO4J_DATA_DIR to another folder.`
            : `Neo4j exited during start-up (code ${code}). Its last output:\n${out}`,
        ),
      );
    });
  });
  log(`local Neo4j answering at ${uri} (pid ${child.pid}, data ${dataDir})`);

  let stopping: Promise<void> | undefined;
  return {
    uri,
    port,
    pid: child.pid ?? -1,
    exited,
    stop(graceMs = 30_000) {
      stopping ??= (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      })();
      return stopping;
    },
  };
}

function tail(chunks: string[]): string {
  return chunks.join('').trim().split('\n').slice(-30).join('\n');
}
