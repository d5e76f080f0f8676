import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { noDelaySocket } from './no-delay-socket';

const open = (getSocket: ReturnType<typeof noDelaySocket>) =>
  new Promise<Socket | false>((resolve, reject) => getSocket({}, (error, socket) => (error ? reject(error) : resolve(socket ? socket.connection : false))));

describe('noDelaySocket', () => {
  let server: Server;
  let port: number;
  const accepted: Socket[] = [];

  beforeAll(async () => {
    server = createServer((socket) => accepted.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => {
    accepted.forEach((socket) => socket.destroy());
    server.close(() => resolve());
  }));

  it('hands nodemailer a connected socket to the SMTP server, with no connect timeout left on it', async () => {
    const socket = (await open(noDelaySocket('127.0.0.1', port, 1_000))) as Socket;
    try {
      expect(socket.remotePort).toBe(port);
      expect(socket.timeout ?? 0).toBe(0); // nodemailer's socketTimeout takes over
      expect(socket.listenerCount('timeout')).toBe(0);
    } finally {
      socket.destroy();
    }
  });

  it('lets nodemailer connect itself when the connection is refused (its own path reports the error and frees the pool slot)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(open(noDelaySocket('127.0.0.1', closedPort, 1_000))).resolves.toBe(false);
  });
});
