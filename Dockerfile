# syntax=docker/dockerfile:1
# FinancialTracker: one image for the API instances, the one-shot migration and the CLI
# (backup, restore, maintenance). Built and checked by `docker build .`; see docs/runbook.md.

# ---- build: every dependency, then the SPA and the API bundle ------------------------------------
FROM node:20-slim AS build
WORKDIR /app
# Manifests first: the dependency layer is reused as long as they do not change.
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/domain/package.json packages/domain/
RUN npm ci --no-audit --no-fund
COPY . .
# Empty: the SPA calls the API on its own origin. Set it to build an SPA deployed elsewhere.
ARG VITE_API_URL=""
ENV VITE_API_URL=${VITE_API_URL}
RUN npm run build

# ---- runtime: production dependencies only, non-root ---------------------------------------------
FROM node:20-slim AS runtime
# pg_dump/pg_restore for `backup` and `restore` against PostgreSQL 15 (Debian 12's client).
RUN apt-get update \
  && apt-get install -y --no-install-recommends postgresql-client-15 ca-certificates \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=5001 \
    DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/contracts/package.json packages/contracts/
COPY packages/domain/package.json packages/domain/
RUN npm ci --omit=dev --workspace=@ft/api --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/apps/api/dist apps/api/dist
COPY apps/api/migrations apps/api/migrations
COPY --from=build /app/apps/web/dist apps/web/dist
RUN mkdir -p /data /backups && chown node:node /data /backups
USER node
VOLUME ["/data", "/backups"]
EXPOSE 5001
# Liveness as the load balancer sees it; readiness (/health/ready) is for the orchestrator.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||5001)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "apps/api/dist/main.js"]
