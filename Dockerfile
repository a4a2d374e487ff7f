# syntax=docker/dockerfile:1.7
# One image for every Lightbox service; docker-compose.yml picks the command:
#   api     node --import tsx apps/api/src/server.ts
#   worker  node --import tsx apps/worker/src/main.ts
#   web     node apps/web/server.mjs
#   migrate node --import tsx packages/db/src/run-migrations.ts
# Internal packages run as TypeScript source through tsx; only the web app is built.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- dependencies: changes only when a package.json or the lockfile does ----
FROM ${NODE_IMAGE} AS deps
# Compilers for any package that must build a native addon from source (none needs it today).
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Every workspace's manifest (add a line when a workspace is added), and the CLI's bin file that npm links.
COPY package.json package-lock.json ./
COPY packages/contracts/package.json packages/contracts/
COPY packages/db/package.json packages/db/
COPY packages/engine/package.json packages/engine/
COPY packages/cli/package.json packages/cli/
COPY packages/cli/bin/ packages/cli/bin/
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/web/package.json apps/web/
# onnxruntime-node's install script only fetches CUDA add-ons; its CPU binaries ship in the package.
# Dev dependencies stay: tsx runs the services, prisma generates the client, tailwind builds the web app.
RUN --mount=type=cache,target=/root/.npm \
    ONNXRUNTIME_NODE_INSTALL=skip npm ci --no-audit --no-fund

# ---- build: Prisma client and the Next.js app ----
FROM deps AS build
COPY . .
RUN sh scripts/prisma-generate.sh --force
# The web app's /api rewrite is fixed at build time (.next/routes-manifest.json): point it at the api service.
ARG API_INTERNAL_URL=http://api:3001
ENV NEXT_TELEMETRY_DISABLED=1
RUN API_INTERNAL_URL=${API_INTERNAL_URL} npm run build -w @lightbox/web

# ---- runtime ----
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1
WORKDIR /app
COPY --from=build --chown=node:node /app /app
USER node
EXPOSE 3000 3001 3002
# Overridden per service in docker-compose.yml.
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
