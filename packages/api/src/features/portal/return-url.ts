/**
 * A return URL is allowed when an allow-list entry covers it: same origin, and for an entry with a
 * path, a path under it. Matching parsed URLs (not string prefixes) stops look-alikes such as
 * `https://app.example.com.evil.test` or `https://app.example.com@evil.test`.
 */
export function isAllowedReturnUrl(url: string, allowlist: string[]): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.username || target.password || (target.protocol !== 'https:' && target.protocol !== 'http:')) return false;
  return allowlist.some((entry) => {
    let allowed: URL;
    try {
      allowed = new URL(entry);
    } catch {
      return false;
    }
    if (allowed.origin !== target.origin) return false;
    const base = allowed.pathname.replace(/\/+$/, '');
    return base === '' || target.pathname === base || target.pathname.startsWith(`${base}/`);
  });
}
