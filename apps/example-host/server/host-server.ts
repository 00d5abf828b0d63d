import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { SignJWT } from 'jose';
import { hostEnv } from './env';

/**
 * The host app's backend, reduced to what embedding needs: it knows its signed-in user (here a
 * fixed demo user) and signs a short-lived token for the portal; it serves its own SPA.
 */
const dist = path.resolve(import.meta.dirname, '../dist');
const types: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
};

async function token(): Promise<string> {
  return new SignJWT({
    email: 'grace@acme.example',
    name: 'Grace Hopper',
    role: 'customer',
    customer_id: hostEnv.customerId,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject('acme-user-grace')
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(hostEnv.tokenSecret));
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://host');
  if (url.pathname === '/host/session') {
    res.setHeader('content-type', 'application/json');
    res.setHeader('cache-control', 'no-store');
    return res.end(JSON.stringify({ token: await token(), portalUrl: hostEnv.portalUrl }));
  }
  const file = path.join(dist, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
  const isAsset = url.pathname.startsWith('/assets/') && file.startsWith(dist);
  try {
    const body = await readFile(isAsset ? file : path.join(dist, 'index.html'));
    res.setHeader('content-type', types[path.extname(isAsset ? file : 'x.html')] ?? 'application/octet-stream');
    res.end(body);
  } catch {
    res.statusCode = 404;
    res.end('not found');
  }
});

server.listen(hostEnv.port, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : hostEnv.port;
  console.log(`Example host: http://127.0.0.1:${port}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
