import { usePortalIntl } from '@portal/client';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';

interface DemoAccounts {
  password: string;
  accounts: { id?: string; email: string; role: string; description: string }[];
}

/** The sign-in route's refusals by status; its English `error` is for API consumers only. */
const ERROR_BY_STATUS: Record<number, string> = {
  400: 'login.error.missing',
  401: 'login.error.mismatch',
  429: 'error.TOO_MANY_SIGN_IN_ATTEMPTS',
};

/** Embedded mode's demo login. In production the host app signs users in and sends a token. */
export function LoginScreen() {
  const queryClient = useQueryClient();
  const intl = usePortalIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const describe = (account: DemoAccounts['accounts'][number]) => {
    const id = `login.demo.account.${account.id ?? ''}`;
    return id in intl.messages ? t(id) : account.description;
  };
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // A message id: the text follows the language picked, also after the error appeared.
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    fetch('/auth/demo/accounts')
      .then((r) => (r.ok ? (r.json() as Promise<DemoAccounts>) : null))
      .then(setDemo, () => setDemo(null));
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/auth/demo/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (!response.ok) {
        setError(ERROR_BY_STATUS[response.status] ?? 'login.error.failed');
        return;
      }
      await queryClient.invalidateQueries();
    } catch {
      setError('login.error.network');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card login" aria-labelledby="login-title">
      <h1 id="login-title">{t('login.title')}</h1>
      <form onSubmit={submit} noValidate>
        <label>
          {t('login.email')}
          <input
            type="email"
            autoComplete="username"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
          />
        </label>
        <label>
          {t('login.password')}
          <input
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {t(error)}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.submitting') : t('login.submit')}
        </button>
      </form>
      {demo && demo.accounts.length > 0 && (
        <div className="demo-accounts">
          <h2>{t('login.demo.title')}</h2>
          <p className="muted">
            {intl.formatMessage(
              { id: 'login.demo.password' },
              { password: demo.password, code: (chunks) => <code>{chunks}</code> },
            )}
          </p>
          <ul>
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="link"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(demo.password);
                  }}
                >
                  {a.email}
                </button>{' '}
                <span className="muted">{describe(a)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
