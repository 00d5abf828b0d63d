// @vitest-environment happy-dom
import { parse } from '@formatjs/icu-messageformat-parser';
import { cleanup, render, screen } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useIntl } from 'react-intl';
import type { Plugin } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { PortalIntl } from '../src/i18n/portal-intl';
import { portalMessages } from '../vite-plugin.js';

afterEach(cleanup);

// Not `new URL(…, import.meta.url)`: Vite rewrites that pattern for the browser in happy-dom.
const catalogFile = (locale: string) =>
  path.join(import.meta.dirname, '..', 'src', 'i18n', 'messages', `${locale}.json`);
const transform = (plugin: Plugin, code: string, id: string) =>
  (plugin.transform as (code: string, id: string) => { code: string } | null).call({}, code, id);

describe('the build-time message compiler (vite-plugin.js)', () => {
  it('turns every catalog message into the AST the runtime parser would have built', () => {
    const source = readFileSync(catalogFile('de'), 'utf8');
    const compiled = JSON.parse(transform(portalMessages(), source, catalogFile('de'))!.code) as Record<
      string,
      unknown
    >;
    for (const [id, message] of Object.entries(JSON.parse(source) as Record<string, string>))
      expect(compiled[id], id).toEqual(parse(message));
  });

  it('leaves other JSON alone and names a broken message', () => {
    expect(transform(portalMessages(), '{"a":"{"}', '/elsewhere/messages/x.json')).toBeNull();
    expect(() => transform(portalMessages(), '{"greeting":"Hi {name"}', catalogFile('en'))).toThrow(
      /en\.json: message "greeting"/,
    );
  });

  it('aliases the ICU parser away only when asked', () => {
    const config = (options?: Parameters<typeof portalMessages>[0]) =>
      (portalMessages(options).config as () => unknown)();
    expect(config()).toBeUndefined();
    expect(JSON.stringify(config({ dropParser: true }))).toContain('no-parser.js');
  });
});

function Title() {
  return <h1>{useIntl().formatMessage({ id: 'overview.title' })}</h1>;
}

describe('PortalIntl', () => {
  it('shows English (fetched on its own) and never a message id', async () => {
    render(
      <PortalIntl locale="en">
        <Title />
      </PortalIntl>,
    );
    expect(screen.queryByText('overview.title')).toBeNull();
    expect((await screen.findByRole('heading')).textContent).toBe('Your plan');
  });

  it('shows a lazily fetched locale once it arrives', async () => {
    render(
      <PortalIntl locale="de">
        <Title />
      </PortalIntl>,
    );
    expect((await screen.findByText('Ihr Tarif')).tagName).toBe('H1');
  });
});
