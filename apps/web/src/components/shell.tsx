import type { ViewerView } from '@portal/contract';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';

export function Shell({ viewer, children }: { viewer?: ViewerView; children: ReactNode }) {
  const queryClient = useQueryClient();
  async function logout() {
    await fetch('/auth/logout', { method: 'POST' });
    queryClient.clear();
    await queryClient.invalidateQueries();
  }
  return (
    <div className="shell">
      <header className="topbar">
        <span className="brand">Billing</span>
        {viewer && (
          <span className="who">
            <span>{viewer.name ?? viewer.email}</span>
            <button type="button" className="link" onClick={logout}>Sign out</button>
          </span>
        )}
      </header>
      <main className="content">{children}</main>
    </div>
  );
}
