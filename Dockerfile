# syntax=docker/dockerfile:1
# cnmcp server image: built with the dev dependencies, run with the production ones only, as a non-root user,
# on a read-only root filesystem (only /tmp needs to be writable). BASE_IMAGE is any Node 20 image with npm.
ARG BASE_IMAGE=node:20-slim

# Only the package manifests and the lockfile, so the dependency layer below is rebuilt only when they change.
FROM ${BASE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN find . -type f ! -name package.json ! -name package-lock.json -delete && find . -type d -empty -delete

FROM ${BASE_IMAGE} AS build
# The registry to install from, and (as the build secret `npm-ca`) an extra CA bundle for a registry mirror or
# an egress proxy that signs with its own CA. Neither ends up in the image.
ARG NPM_CONFIG_REGISTRY=https://registry.npmjs.org/
WORKDIR /app
ENV npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false \
    npm_config_registry=${NPM_CONFIG_REGISTRY}
COPY --from=manifests /src/ ./
RUN --mount=type=secret,id=npm-ca,required=false \
    if [ -s /run/secrets/npm-ca ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/npm-ca; fi; \
    npm ci --no-audit --no-fund
COPY . .
RUN npx tsc -b && node scripts/bundle.mjs \
  && npm prune --omit=dev --no-audit --no-fund \
  # typescript stays after the prune only as cosmiconfig's optional peer (for .ts config files, which cnmcp does not use).
  && rm -rf node_modules/typescript \
  # What the server needs at run time: the bin shim, production node_modules, and each package's dist.
  && mkdir -p /out \
  && cp -a package.json bin node_modules /out/ \
  && for pkg in core packages/* plugins/*; do \
       [ -d "$pkg/dist" ] || continue; \
       mkdir -p "/out/$pkg" && cp -a "$pkg/package.json" "$pkg/dist" "/out/$pkg/"; \
     done

FROM ${BASE_IMAGE}
LABEL org.opencontainers.image.title="cnmcp" \
      org.opencontainers.image.description="MCP server for cloud-native infrastructure" \
      org.opencontainers.image.licenses="Apache-2.0"
ENV NODE_ENV=production \
    MCP_TRANSPORT=http \
    MCP_HOST=0.0.0.0 \
    MCP_PORT=8080
WORKDIR /app
# Owned by root and not writable by the server's user: the image works with a read-only root filesystem.
COPY --from=build /out/ /app/
USER 1000:1000
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.MCP_PORT||8080)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "/app/bin/cnmcp.js"]
CMD ["serve"]
