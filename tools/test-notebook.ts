import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../src/neo4j-local/index.js';

const HELP = `Usage: npm run test:notebook

Executes examples/notebook.ipynb against a real unicom-kg server and fails on any cell error:
  1. creates the Python venv .venv-notebook (if missing, or when examples/requirements.txt changed)
     and pip installs examples/requirements.txt (needs python3 with venv; PYTHON picks the interpreter);
  2. starts the server (src/server.ts) on a free port: against NEO4J_URI when set, else with its own
     local Neo4j in a temporary folder, seeded on start, the normal start path;
  3. runs every cell with nbclient (UNICOM_KG_URL points the notebook at the server), and writes the
     executed notebook and its plot to test-artifacts/.`;

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  console.log(HELP);
  process.exit(0);
}

const VENV = '.venv-notebook';
const REQUIREMENTS = 'examples/requirements.txt';
const STAMP = join(VENV, '.requirements-installed');
const OUT_DIR = 'test-artifacts';
const python = join(VENV, 'bin', 'python');
const log = (msg: string) => console.log(`[test:notebook] ${msg}`);

function ensureVenv(): void {
  const started = Date.now();
  if (!existsSync(python)) {
    log(`creating ${VENV}`);
    execFileSync(process.env.PYTHON || 'python3', ['-m', 'venv', VENV], { stdio: 'inherit' });
  }
  const requirements = readFileSync(REQUIREMENTS, 'utf8');
  if (existsSync(STAMP) && readFileSync(STAMP, 'utf8') === requirements && statSync(STAMP).mtimeMs >= statSync(REQUIREMENTS).mtimeMs)
    return;
  log(`pip install -r ${REQUIREMENTS}`);
  execFileSync(python, ['-m', 'pip', 'install', '--disable-pip-version-check', '-q', '-r', REQUIREMENTS], { stdio: 'inherit' });
  writeFileSync(STAMP, requirements);
  log(`venv ready in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function waitReady(url: string, exited: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (exited()) throw new Error('the server exited before it was ready (see its log above)');
    try {
      if ((await fetch(`${url}/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server was not ready within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const EXECUTE = `
import os, sys, nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
nb = nbformat.read("examples/notebook.ipynb", as_version=4)
client = NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}})
try:
    client.execute()
    ok = True
except CellExecutionError as err:
    print(err, file=sys.stderr)
    ok = False
finally:
    nbformat.write(nb, os.path.join(os.environ["NOTEBOOK_OUTPUT_DIR"], "notebook.executed.ipynb"))
cells = sum(1 for c in nb.cells if c.cell_type == "code")
print(f"[test:notebook] {cells} code cells {'ran without error' if ok else 'FAILED'}")
sys.exit(0 if ok else 1)
`;

async function main(): Promise<number> {
  const started = Date.now();
  ensureVenv();
  mkdirSync(OUT_DIR, { recursive: true });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = process.env.NEO4J_URI ? undefined : mkdtempSync(join(tmpdir(), 'unicom-kg-notebook-'));
  log(`starting the server on ${url} (${process.env.NEO4J_URI ? `NEO4J_URI ${process.env.NEO4J_URI}` : `local Neo4j in ${dataDir}`})`);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL || 'warn',
      ...(dataDir ? { NEO4J_DATA_DIR: dataDir } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  let exited = false;
  const done = new Promise<void>((r) =>
    server.on('exit', () => {
      exited = true;
      r();
    }),
  );
  try {
    await waitReady(url, () => exited, 600_000);
    log(`server ready in ${Math.round((Date.now() - started) / 1000)} s; executing examples/notebook.ipynb`);
    const nbStarted = Date.now();
    execFileSync(python, ['-c', EXECUTE], {
      stdio: 'inherit',
      env: { ...process.env, UNICOM_KG_URL: url, NOTEBOOK_OUTPUT_DIR: OUT_DIR, MPLBACKEND: 'Agg' },
    });
    log(`notebook ran in ${Math.round((Date.now() - nbStarted) / 1000)} s; total ${Math.round((Date.now() - started) / 1000)} s`);
    return 0;
  } catch (err) {
    console.error(`[test:notebook] FAILED: ${(err as Error).message.split('\n')[0]}`);
    return 1;
  } finally {
    if (!exited) server.kill('SIGTERM');
    await done;
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
