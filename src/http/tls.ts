/**
 * HTTPS served by Pledge itself (C25): the certificate and key from configuration, HSTS on every
 * answer, and a plain-HTTP listener that only redirects to the HTTPS address. Behind a proxy that
 * terminates TLS, none of this is configured and the proxy does it.
 * @clause C25 Data travels encrypted: HTTPS with HSTS, and HTTP redirected.
 */
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { Config } from '../config.ts';

/** Fastify's `https` option, or nothing when TLS is not configured. */
export function httpsOptions(config: Pick<Config, 'tls'>): { cert: Buffer; key: Buffer } | undefined {
  return config.tls ? { cert: readFileSync(config.tls.cert), key: readFileSync(config.tls.key) } : undefined;
}

export const hstsValue = (maxAge: number) => `max-age=${maxAge}; includeSubDomains`;

/**
 * Redirects every plain-HTTP request to the same path on the public HTTPS origin. The target is
 * the configured PUBLIC_URL, never the request's Host header, so the redirect cannot be pointed elsewhere.
 */
export function startRedirectServer(publicUrl: string, port: number, host: string): Promise<Server> {
  const origin = new URL(publicUrl);
  if (origin.protocol !== 'https:') throw new Error('HTTP_REDIRECT_PORT needs an https:// PUBLIC_URL to redirect to');
  const server = createServer((req, res) => {
    const target = new URL(req.url ?? '/', origin);
    // 308 keeps the method and body: a form posted to http:// is posted again to https://.
    res.writeHead(308, { location: target.href, 'content-type': 'text/plain; charset=utf-8', connection: 'close' });
    res.end(`Moved to ${target.href}\n`);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
