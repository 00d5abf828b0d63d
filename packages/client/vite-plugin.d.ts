import type { Plugin } from 'vite';

export interface PortalMessagesOptions {
  /**
   * Bundle FormatJS without its ICU parser (~8 KB gzipped): safe because every portal message is
   * precompiled. Leave it off if the app also formats ICU strings of its own with react-intl.
   */
  dropParser?: boolean;
}

/** Precompiles the portal's message catalogs to FormatJS's AST at build time. */
export function portalMessages(options?: PortalMessagesOptions): Plugin;
