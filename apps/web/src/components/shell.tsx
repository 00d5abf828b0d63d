import type { ViewerView } from '@portal/contract';
import type { ReactNode } from 'react';
import { useSessionControl } from '../session/session-control';

export function Shell({ viewer, children }: { viewer?: ViewerView; children: ReactNode }) {
  const session = useSessionControl();
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Billing</span>
        {viewer && (
          <span className="who">
            <span>{viewer.name ?? viewer.email}</span>
            <button type="button" className="link" onClick={() => void session.signOut()}>Sign out</button>
            <button type="button" className="link" onClick={() => void session.signOut({ everywhere: true })} title="Ends your sessions on every device and browser">
              Sign out everywhere
            </button>
          </span>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
