// Compose's edge: publishes the services' ports on the host and hands each TCP connection to one replica
// of the service behind it, in turn (Docker's DNS answers a service name with every replica's address).
// EDGE_ROUTES=3001=catalog:3001,3003=orders:3003,...
import { lookup } from 'node:dns/promises';
import { connect, createServer, type Server } from 'node:net';

interface Route {
  listenPort: number;
  host: string;
  port: number;
}

/** Parses `listenPort=host:port,...`. */
export function parseRoutes(spec: string): Route[] {
  return spec.split(',').filter(Boolean).map((entry) => {
    const match = /^(\d+)=([\w.-]+):(\d+)$/.exec(entry.trim());
    if (!match) throw new Error(`EDGE_ROUTES: "${entry}" is not listenPort=host:port`);
    return { listenPort: Number(match[1]), host: match[2]!, port: Number(match[3]) };
  });
}

function serve(route: Route): Server {
  let turn = 0;
  const server = createServer((client) => {
    client.on('error', () => client.destroy());
    lookup(route.host, { all: true, family: 4 }).then(
      (addresses) => {
        const target = addresses.sort((a, b) => a.address.localeCompare(b.address))[turn++ % addresses.length]!;
        const upstream = connect(route.port, target.address);
        upstream.on('error', () => client.destroy());
        client.pipe(upstream).pipe(client);
      },
      () => client.destroy(),
    );
  });
  server.listen(route.listenPort, '0.0.0.0');
  return server;
}

if (require.main === module) {
  const routes = parseRoutes(process.env['EDGE_ROUTES'] ?? '');
  const servers = routes.map(serve);
  console.log(`edge: ${routes.map((r) => `:${r.listenPort} -> ${r.host}:${r.port}`).join(', ')}`);
  const stop = () => {
    servers.forEach((server) => server.close());
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
