import type { WireRequest, WireResponse } from '../http/wire.js';

// Browsers fetch /favicon.ico by themselves for every hosted page (invoice, 3-D Secure, portal).
// Without this it fell through to the API's key check, and the 401 printed a console error.
const ICON =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#635bff"/>' +
  '<path d="M8 11h16v10H8z" fill="none" stroke="#fff" stroke-width="2.5"/></svg>';

export function faviconHandler() {
  return (req: WireRequest, url: URL): WireResponse | null => {
    if (url.pathname !== '/favicon.ico' || (req.method !== 'GET' && req.method !== 'HEAD')) return null;
    return {
      status: 200,
      headers: { 'content-type': 'image/svg+xml', 'cache-control': 'public, max-age=86400' },
      body: req.method === 'HEAD' ? '' : ICON,
    };
  };
}
