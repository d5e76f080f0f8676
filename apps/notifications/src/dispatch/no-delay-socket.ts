import { connect, type Socket } from 'node:net';

type SocketCallback = (error: Error | null, socket?: { connection: Socket } | false) => void;

/**
 * nodemailer's `getSocket` hook: each pooled connection to the SMTP server is a TCP socket with Nagle's
 * algorithm off. nodemailer leaves it on, and an SMTP exchange ends each message with a short write the
 * server has not acknowledged yet, so every message waited for the server's delayed ACK (~40 ms on
 * Linux): 10 pooled connections sent ~210 messages/s to a local server, ~1,400/s without the wait.
 * nodemailer still speaks SMTP on it, and upgrades it to TLS for smtps:// as it would its own socket.
 *
 * When this connection fails, nodemailer is told to connect itself (`false`), so the failure reaches it
 * the usual way: an error handed back here would fail the message but leave the pool's slot taken for
 * good (nodemailer 8.0.9), and after SMTP_MAX_CONNECTIONS failures nothing more would be sent.
 */
export function noDelaySocket(host: string, port: number, connectionTimeoutMs: number) {
  return (_options: unknown, callback: SocketCallback): void => {
    const socket = connect({ host, port, noDelay: true });
    const fallBack = () => {
      socket.destroy();
      callback(null, false);
    };
    socket.setTimeout(connectionTimeoutMs, fallBack);
    socket.once('error', fallBack);
    socket.once('connect', () => {
      socket.off('error', fallBack);
      socket.setKeepAlive(true); // as nodemailer does with the sockets it opens
      socket.setTimeout(0); // from here nodemailer's own socket timeout applies
      socket.removeAllListeners('timeout');
      callback(null, { connection: socket });
    });
  };
}
