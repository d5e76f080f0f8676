# One image for the five services (SERVICE picks which one runs), the setup step,
# the mail sink and the edge proxy. NODE_IMAGE comes from docker-compose.yml's
# x-images (`npm run containers -- images` passes it): the official Node image
# where a registry answers, otherwise one built locally from Debian packages.
ARG NODE_IMAGE
FROM ${NODE_IMAGE}
# Certificate authorities a TLS-inspecting proxy between this machine and the npm registry
# needs (the containers tool passes the host's /usr/local/share/ca-certificates; usually empty).
ARG EXTRA_CA_CERTS=""
WORKDIR /app
# Dependencies first, so a code change does not reinstall them.
COPY package.json package-lock.json ./
RUN if [ -n "$EXTRA_CA_CERTS" ]; then printf '%s\n' "$EXTRA_CA_CERTS" > /tmp/extra-ca.crt; export NODE_EXTRA_CA_CERTS=/tmp/extra-ca.crt; fi \
 && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
 && if [ -d node_modules/node ]; then npm rebuild node --loglevel=error; fi \
 && rm -f /tmp/extra-ca.crt
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY tools ./tools
COPY prisma ./prisma
COPY libs ./libs
# What `npm install` runs after installing: the Prisma clients (offline WebAssembly engine).
RUN npm run --silent postinstall
COPY apps ./apps
# node_modules/.bin first: where the project pins Node.js through the npm `node` package (its install script,
# rebuilt above, fetches the binary), the services run on that version, as npm scripts do on the local path.
ENV NODE_ENV=production PATH=/app/node_modules/.bin:$PATH
# --max-semi-space-size: the V8 options of tools/dev/service-process.ts (SERVICE_NODE_OPTIONS), which says why.
CMD ["sh", "-c", "exec node --max-semi-space-size=64 -r @swc-node/register apps/${SERVICE}/src/main.ts"]
