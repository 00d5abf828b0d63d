import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../core.js';

const MAX_BODY = 2 * 1024 * 1024;

/** Adapts node's http server to the emulator's request pipeline. */
export function createNodeHandler(core: Core): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { type: 'invalid_request_error', message: 'Request body too large.' } }));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
      core
        .dispatch({
          method: req.method ?? 'GET',
          url: req.url ?? '/',
          headers,
          body: Buffer.concat(chunks).toString('utf8'),
        })
        .then((out) => {
          if (out.drop) {
            req.socket.destroy();
            return;
          }
          res.writeHead(out.status, out.headers);
          res.end(out.body);
        })
        .catch((e: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ error: { type: 'api_error', message: String(e) } }));
        });
    });
  };
}
