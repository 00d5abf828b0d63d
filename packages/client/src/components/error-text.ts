import { TRPCClientError } from '@trpc/client';
import type { IntlShape } from 'react-intl';

interface ErrorData {
  reason?: string | null;
  detail?: string | null;
  params?: Record<string, string | number> | null;
}

const dataOf = (error: unknown): ErrorData | null =>
  error instanceof TRPCClientError ? ((error.data as ErrorData | undefined) ?? null) : null;

/** The server's stable reason (`ErrorReason`), when the error carries one. */
export const reasonOf = (error: unknown): string | null => dataOf(error)?.reason ?? null;

/**
 * An error in the customer's language. The server sends a reason, a finer detail and parameters; a
 * reason the catalogs know is worded here (`error.<REASON>.<detail>`, else `error.<REASON>`), with a
 * tax ID type named as the picker names it. Anything else falls back to the server's message
 * (English, but never an internal detail).
 */
export function errorText(intl: IntlShape, error: unknown): string {
  if (!(error instanceof TRPCClientError)) return intl.formatMessage({ id: 'common.error.generic' });
  const data = dataOf(error);
  const ids = data?.reason
    ? [...(data.detail ? [`error.${data.reason}.${data.detail}`] : []), `error.${data.reason}`]
    : [];
  const id = ids.find((candidate) => candidate in intl.messages);
  if (id) {
    const values: Record<string, string | number> = { ...data?.params };
    const typeLabel = typeof values.type === 'string' ? `taxIds.type.${values.type}` : null;
    if (typeLabel && typeLabel in intl.messages) values.type = intl.formatMessage({ id: typeLabel });
    return intl.formatMessage({ id }, values);
  }
  return error.message && !/fetch|network/i.test(error.message)
    ? error.message
    : intl.formatMessage({ id: 'common.error.network' });
}
