import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';

interface DemoAccounts {
  password: string;
  accounts: { email: string; role: string; description: string }[];
}

/** Embedded mode's demo login. In production the host app signs users in and sends a token. */
export function LoginScreen() {
  const queryClient = useQueryClient();
  const [demo, setDemo] = useState<DemoAccounts | null>(null);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
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
        const body = (await response.json().catch(() => ({}))) as { error?: string };
        setError(body.error ?? 'Sign-in failed. Please try again.');
        return;
      }
      await queryClient.invalidateQueries();
    } catch {
      setError('We could not reach the server. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card login" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to billing</h1>
      <form onSubmit={submit} noValidate>
        <label>
          Email
          <input type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>{busy ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {demo && demo.accounts.length > 0 && (
        <div className="demo-accounts">
          <h2>Demo accounts</h2>
          <p className="muted">Password for all: <code>{demo.password}</code></p>
          <ul>
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <button type="button" className="link" onClick={() => { setEmail(a.email); setPassword(demo.password); }}>
                  {a.email}
                </button>{' '}
                <span className="muted">{a.description}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
