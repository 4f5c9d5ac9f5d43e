import neo4j, { type Driver } from 'neo4j-driver';

export interface DriverOptions {
  uri: string;
  user: string;
  password: string;
  connectionTimeoutMs: number;
  /** How long a read is retried on a transient failure; short, so an outage reaches the client fast. */
  maxRetryTimeMs?: number;
}

/** One driver per process; it pools connections and (with neo4j:// URIs) routes across a cluster. */
export function createDriver(o: DriverOptions): Driver {
  // The local Neo4j runs without auth: then no token is sent at all.
  const auth = o.password ? neo4j.auth.basic(o.user, o.password) : undefined;
  return neo4j.driver(o.uri, auth, {
    connectionTimeout: o.connectionTimeoutMs,
    connectionAcquisitionTimeout: o.connectionTimeoutMs * 2,
    maxTransactionRetryTime: o.maxRetryTimeMs ?? 1_000,
    // Plain JS numbers from the driver: the graph holds no integer beyond 2^53 (ids are strings).
    disableLosslessIntegers: true,
    userAgent: 'unicom-kg',
  });
}
