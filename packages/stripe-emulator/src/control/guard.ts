import { timingSafeEqual } from 'node:crypto';
import type { WireRequest, WireResponse } from '../core.js';
import { json } from '../hosted/html.js';

/**
 * Control routes reset, reseed and rewind the emulator, so a web page open on a machine running
 * the demo must not reach them: anything a browser sends (an `Origin` header, or a
 * `Sec-Fetch-Site` other than `none`, which is what a typed-in URL gets) is refused before the
 * token is even looked at, and everything else must carry the emulator's bearer token.
 */
export function controlRefusal(req: WireRequest, token: string): WireResponse | null {
  const site = req.headers['sec-fetch-site'];
  if (req.headers.origin !== undefined || (site !== undefined && site !== 'none'))
    return json(403, {
      error: {
        type: 'invalid_request_error',
        code: 'emulator_control_forbidden',
        message: 'Control routes cannot be called from a web page.',
      },
    });
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (!sameToken(given, token))
    return json(401, {
      error: {
        type: 'invalid_request_error',
        code: 'emulator_control_unauthorized',
        message:
          'Control routes need `Authorization: Bearer <token>`, the token the emulator was started with (STRIPE_EMULATOR_TOKEN).',
      },
    });
  return null;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return expected !== '' && a.length === b.length && timingSafeEqual(a, b);
}
