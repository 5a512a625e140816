import { createServer, type Server } from 'node:net';

/** A received message's text, its quoted-printable soft breaks joined and escapes decoded. */
export const textOf = (data: string): string =>
  Buffer.from(data.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, x: string) => String.fromCharCode(parseInt(x, 16))), 'latin1').toString('utf8');

/** A received message: envelope recipients and the raw DATA. */
export type Received = { to: string[]; data: string };

/**
 * A local stand-in for the SMTP provider: speaks enough SMTP for nodemailer (EHLO, MAIL, RCPT,
 * DATA, QUIT) on 127.0.0.1 and keeps what it was handed. No test reaches a real provider.
 * `stallFirst`: the first N messages are never acknowledged (nor kept), as a provider that hangs
 * mid-send; `stalled` counts them. `rejectFirst`: the first N messages are refused with a
 * permanent 554, as a provider that will not take them.
 */
export async function startFakeSmtp(opts: { stallFirst?: number; rejectFirst?: number } = {}): Promise<{ url: string; received: Received[]; stalled: () => number; close(): Promise<void> }> {
  const received: Received[] = [];
  let stalled = 0;
  let rejected = 0;
  const open = new Set<import('node:net').Socket>();
  const server: Server = createServer((socket) => {
    open.add(socket);
    socket.on('close', () => open.delete(socket));
    let to: string[] = [];
    let data: string | null = null;
    let buffer = '';
    socket.setEncoding('utf8');
    socket.write('220 fake-smtp ready\r\n');
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (data !== null) {
          if (line === '.' && stalled < (opts.stallFirst ?? 0)) {
            stalled++;
            data = null;
          } else if (line === '.' && rejected < (opts.rejectFirst ?? 0)) {
            rejected++;
            data = null;
            to = [];
            socket.write('554 5.7.1 message refused\r\n');
          } else if (line === '.') {
            received.push({ to, data });
            data = null;
            to = [];
            socket.write('250 queued\r\n');
          } else data += `${line}\n`;
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake-smtp\r\n');
        else if (verb === 'MAIL') socket.write('250 ok\r\n');
        else if (verb === 'RCPT') {
          to.push(line.replace(/^RCPT TO:\s*<?([^>]*)>?.*$/i, '$1'));
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          data = '';
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `smtp://127.0.0.1:${port}`, received, stalled: () => stalled, close: () => new Promise((resolve) => {
    for (const s of open) s.destroy();
    server.close(() => resolve());
  }) };
}
