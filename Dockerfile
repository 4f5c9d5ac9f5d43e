# The API server only; Neo4j comes from NEO4J_URI (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts && npm install --no-save tsx@4 --ignore-scripts
COPY tsconfig.json ./
COPY src ./src
COPY seed ./seed
COPY cypher ./cypher
EXPOSE 4000
ENV HOST=0.0.0.0 PORT=4000
CMD ["npx", "tsx", "src/server.ts"]
