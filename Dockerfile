# syntax=docker/dockerfile:1
# Executor container image: install and build with Node 22, run the self-contained Nitro output
# (.output/) on a slim Bun runtime as a non-root user. test/integration/dockerfile.test.ts runs
# this file's build and start commands outside Docker, since CI has no Docker engine.

FROM node:22-bookworm-slim AS install
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

FROM install AS build
COPY . .
RUN npm run build

FROM oven/bun:1.4.5-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production EXECUTOR_HOST=0.0.0.0 PORT=4788 EXECUTOR_DATA_DIR=/data
RUN mkdir -p /data && chown bun:bun /data
COPY --from=build --chown=bun:bun /app/.output ./.output
USER bun
VOLUME /data
EXPOSE 4788
HEALTHCHECK --interval=30s --timeout=5s --start-period=15s --retries=3 CMD bun -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4788) + '/api/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"
CMD ["bun", ".output/server/index.mjs"]
