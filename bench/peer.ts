import { createServer } from 'node:http';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import neo4j from 'neo4j-driver';
import { PEER_TYPE_DEFS } from './peer-schema.js';

const HELP = `Usage: NEO4J_URI=bolt://... PORT=4101 tsx bench/peer.ts

The benchmark's peer: the same operations served by @neo4j/graphql 7 on graphql-yoga (see bench/peer-schema.ts).
Prints "READY <url>" once it listens. Started by bench/run.ts; not meant for production.`;

// As its users run it: compiled JavaScript, no source maps (tsx turns them on; bench/floor.ts says why that matters).
process.setSourceMapsEnabled(false);

if (process.argv.includes('--help')) {
  console.log(HELP);
  process.exit(0);
}

const uri = process.env.NEO4J_URI;
const port = Number(process.env.PORT ?? 4101);
if (!uri) throw new Error('Set NEO4J_URI');
const driver = neo4j.driver(uri, undefined, { userAgent: 'unicom-kg-bench-peer' });
const schema = await new Neo4jGraphQL({ typeDefs: PEER_TYPE_DEFS, driver }).getSchema();
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', graphiql: false, landingPage: false, logging: 'warn' });
const server = createServer(yoga);
server.listen(port, '127.0.0.1', () => console.log(`READY http://127.0.0.1:${port}/graphql`));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close();
  void driver.close().then(() => process.exit(0));
});
