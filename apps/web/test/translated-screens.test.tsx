// @vitest-environment happy-dom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
// The client package's harness: the real server in a child process, and the portal's providers.
import { renderPortal, startServer } from '../../../packages/client/test/portal-harness';
import { LoginScreen } from '../src/screens/login-screen';
import SupportConsole from '../src/support/support-console';
import { ReadOnlyBanner } from '../src/support/read-only-banner';

/**
 * Issue 18: the sign-in page and the support console speak the language picked, like the portal.
 * What a German or an Arabic reader sees must hold none of the English these screens used to hard-code.
 */
let server: Awaited<ReturnType<typeof startServer>>;
beforeAll(async () => {
  server = await startServer();
}, 90_000);
afterAll(() => server.close());
afterEach(cleanup);

const ENGLISH = [
  'Sign in to billing',
  'Password',
  'Demo accounts',
  'Password for all',
  'active Pro plan with a card',
  'do not match a demo account',
  'Support console',
  'Customers',
  'Audit trail',
  'Email or name',
  'Search',
  'Reason for viewing',
  'View as',
  'ticket',
  'When',
  'Who',
  'Outcome',
  'Any action',
  'Billing changes',
  'Read-only view',
  'this customer',
  'Stop viewing',
];
const expectNoEnglish = () => {
  const text = document.body.textContent ?? '';
  const placeholders = [...document.querySelectorAll('input')].map((i) => i.placeholder).join(' ');
  for (const phrase of ENGLISH) expect(`${text} ${placeholders}`, phrase).not.toContain(phrase);
};

const cases = [
  {
    locale: 'de' as const,
    login: {
      title: 'Bei der Abrechnung anmelden',
      password: 'Passwort',
      submit: 'Anmelden',
      account: 'aktiver Pro-Tarif mit Karte',
      mismatch: 'Diese E-Mail-Adresse und dieses Passwort passen zu keinem Demokonto.',
    },
    support: {
      title: 'Support-Konsole',
      audit: 'Prüfprotokoll',
      search: 'Suchen',
      viewAs: 'Als Kunde ansehen',
      when: 'Wann',
      anyAction: 'Alle Aktionen',
      banner: 'Ansicht beenden',
    },
  },
  {
    locale: 'ar' as const,
    login: {
      title: 'تسجيل الدخول إلى الفوترة',
      password: 'كلمة المرور',
      submit: 'تسجيل الدخول',
      account: 'خطة Pro نشطة مع بطاقة',
      mismatch: 'لا يطابق هذا البريد الإلكتروني وكلمة المرور أي حساب تجريبي.',
    },
    support: {
      title: 'وحدة تحكم الدعم',
      audit: 'سجل التدقيق',
      search: 'بحث',
      viewAs: 'عرض بصفة العميل',
      when: 'الوقت',
      anyAction: 'أي إجراء',
      banner: 'إيقاف العرض',
    },
  },
];

describe.each(cases)('in $locale', ({ locale, login, support }) => {
  it('the sign-in page, its demo accounts and its refusal', async () => {
    // The page asks its own origin for the demo accounts and the sign-in, as the SPA does.
    (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(new URL(server.url).origin);
    renderPortal(<LoginScreen />, { url: server.url, token: '', locale });
    expect(await screen.findByRole('heading', { name: login.title })).toBeTruthy();
    expect(await screen.findByText(login.account)).toBeTruthy();
    fireEvent.change(screen.getByLabelText(login.password), { target: { value: 'wrong' } });
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: login.submit }));
    expect((await screen.findByRole('alert')).textContent).toBe(login.mismatch);
    expectNoEnglish();
  });

  it('the support console: search, view-as, audit trail, read-only banner', async () => {
    const token = await server.tokenFor({
      sub: `agent-${locale}`,
      email: `agent-${locale}@example.com`,
      role: 'support',
    });
    renderPortal(
      <>
        <ReadOnlyBanner />
        <SupportConsole />
      </>,
      { url: server.url, token, locale },
    );
    expect(await screen.findByRole('heading', { name: support.title })).toBeTruthy();
    fireEvent.change(screen.getByRole('searchbox'), { target: { value: 'ada@example.com' } });
    fireEvent.click(screen.getByRole('button', { name: support.search }));
    expect((await screen.findAllByText(support.viewAs)).length).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: support.banner })).toBeTruthy();
    expectNoEnglish();

    fireEvent.click(screen.getByRole('tab', { name: support.audit }));
    const table = await screen.findByRole('table');
    expect(within(table).getByRole('columnheader', { name: support.when })).toBeTruthy();
    expect(screen.getByRole('option', { name: support.anyAction })).toBeTruthy();
    expectNoEnglish();
  });
});
