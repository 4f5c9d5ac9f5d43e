import { z } from 'zod';

const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

/** Every setting the server reads, with its default; the README's configuration table mirrors this. */
export const ConfigSchema = z.object({
  PORT: int(4000),
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),

  NEO4J_URI: z.string().url().optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().default('neo4j'),
  NEO4J_DATA_DIR: z.string().default('.data/neo4j'),
  NEO4J_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'e.g. 512m or 2g')
    .default('768m'),
  NEO4J_PAGECACHE_MB: int(256, 16),
  NEO4J_START_TIMEOUT_MS: int(300_000, 1000),

  /** auto: seed when the database holds no graph yet; always: reseed at every start; never. */
  SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),

  QUERY_TIMEOUT_MS: int(10_000, 100),
  CONNECTION_TIMEOUT_MS: int(3_000, 100),
  MAX_DEPTH: int(12, 2),
  MAX_COMPLEXITY: int(50_000, 10),
  MAX_ALIASES: int(30, 1),
  MAX_TOKENS: int(2_000, 50),
  MAX_DIRECTIVES: int(20, 1),
  MAX_BODY_BYTES: int(100_000, 1_000),
  MAX_VARIABLES_DEPTH: int(16, 2),
  MAX_VARIABLES_VALUES: int(10_000, 10),
  /** Per request, across all its fields and aliases: database statements, summed database time, wall time. */
  MAX_REQUEST_STATEMENTS: int(100, 1),
  MAX_REQUEST_DB_MS: int(20_000, 100),
  /** Default: QUERY_TIMEOUT_MS + 1000. */
  REQUEST_DEADLINE_MS: z.coerce.number().int().min(100).optional(),
  /** Server-wide: heavy statements (paths, neighbourhoods, substring search, exports) running at once. */
  MAX_HEAVY_STATEMENTS: int(2, 1),
  /** Server-wide: requests whose cost is at least HEAVY_REQUEST_COST executing at once. */
  HEAVY_REQUEST_COST: int(2_000, 1),
  MAX_HEAVY_REQUESTS: int(2, 1),
  ADMISSION_WAIT_MS: int(5_000, 0),
  /** Per client address: statement texts new to the server (each makes Neo4j plan it) per minute; then TOO_MANY_NEW_SHAPES. */
  MAX_NEW_SHAPES_PER_MINUTE: int(20, 1),
  /** Node's HTTP server: a request must arrive whole within this long; headers within the second. */
  HTTP_REQUEST_TIMEOUT_MS: int(30_000, 1_000),
  HTTP_HEADERS_TIMEOUT_MS: int(10_000, 1_000),
  /** Open connections one client address may hold at once. */
  MAX_CONNECTIONS_PER_CLIENT: int(64, 1),
  /** On SIGTERM/SIGINT/SIGHUP, requests in flight get this long to finish; then they are answered 503 SHUTTING_DOWN. */
  SHUTDOWN_GRACE_MS: int(10_000, 0),
  INTROSPECTION: bool.default(true),
  CORS_ORIGIN: z.string().default('*'),
  /** Server-side response cache with ETag/304 and Cache-Control on GET (public data: one cache for all). */
  RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  RESPONSE_CACHE_TTL_S: int(60, 1),
  /** Byte budgets of the in-memory caches (docs/operations.md, "Memory"): parsed documents (parse errors get a quarter more), answers, folded names. */
  DOCUMENT_CACHE_MB: int(32, 1),
  RESPONSE_CACHE_MB: int(64, 1),
  NAME_CACHE_MB: int(4, 1),
  /** One full garbage collection after this long without requests (0: never), so an idle server gives memory back. */
  IDLE_GC_MS: int(10_000, 0),
});
export type Config = z.infer<typeof ConfigSchema>;

/** Reads the environment once; a bad value fails start-up with the variable's name and what it expects. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const raw = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = ConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
