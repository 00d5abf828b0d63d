/** The API version the emulator speaks: the one the pinned stripe SDK (v23.1.0) sends. */
export const API_VERSION = '2026-10-28.endive';

/** A request as the transports (node http server, in-process SDK client) hand it over. */
export interface WireRequest {
  method: string;
  /** Path plus query string. */
  url: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Buffer;
  /** Set by fault injection: the transport should drop the connection instead of answering. */
  drop?: boolean;
}
