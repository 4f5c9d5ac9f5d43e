# The API server only; Neo4j comes from NEO4J_URI (see docker-compose.yml).
#
# NODE_IMAGE is the Node 20 base. The default is the official image; on a machine that cannot pull it,
# tools/docker/build-images.sh builds an equivalent one from Debian and passes it here:
#   docker build --build-arg NODE_IMAGE=unicom-kg/node:20-bookworm-slim -t unicom-kg/api .
ARG NODE_IMAGE=node:20-bookworm-slim

# Stage 1: compile TypeScript to dist/ (`npm run build`), then drop the dev dependencies.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY seed ./seed
COPY cypher ./cypher
COPY public ./public
COPY tools/docker/dist-assets.mjs ./tools/docker/dist-assets.mjs
RUN npm run build && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Stage 2: compiled code, its run-time files (dist/cypher, dist/public, dist/seed/{data,rules,source}) and the
# production dependencies; runs as the unprivileged `node` user of the base image.
FROM ${NODE_IMAGE}
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4000
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# /ready answers 200 once Neo4j is reachable and the graph is seeded (503 before).
HEALTHCHECK --interval=5s --timeout=5s --start-period=30s --retries=60 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/server.js"]
