# One image for all five services; SERVICE picks which one runs.
FROM node:20.20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
COPY tools ./tools
COPY prisma ./prisma
COPY libs ./libs
COPY tsconfig.base.json tsconfig.json .swcrc ./
RUN npm ci --no-audit --no-fund
COPY apps ./apps
ENV NODE_ENV=production
CMD ["sh", "-c", "exec node -r @swc-node/register apps/${SERVICE}/src/main.ts"]
