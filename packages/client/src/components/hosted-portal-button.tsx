import type { HostedFlow } from '@portal/contract';
import type { ReactNode } from 'react';
import { useHostedPortal } from '../hooks/use-hosted-portal';
import { useViewer } from './use-viewer';

/** Opens Stripe's hosted portal for this customer (optionally deep-linked) and comes back to `returnUrl`. */
export function HostedPortalButton({
  returnUrl,
  flow,
  onError,
  className,
  children,
}: {
  returnUrl: string;
  flow?: HostedFlow;
  onError?: ((error: unknown) => void) | undefined;
  className?: string;
  children: ReactNode;
}) {
  const hosted = useHostedPortal();
  const { readOnly } = useViewer();
  return (
    <button
      type="button"
      className={className}
      disabled={readOnly || hosted.isPending}
      aria-busy={hosted.isPending}
      onClick={() => hosted.open({ returnUrl, ...(flow ? { flow } : {}) }).catch((error: unknown) => onError?.(error))}
    >
      {children}
    </button>
  );
}
