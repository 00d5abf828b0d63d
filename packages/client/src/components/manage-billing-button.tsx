import type { ReactNode } from 'react';
import { HostedPortalButton } from './hosted-portal-button';

export type ManageBillingButtonProps = {
  children?: ReactNode;
  className?: string;
} & (
  | {
      /** Opens the in-app portal at `href` (e.g. "/settings/billing"). */
      mode: 'in-app';
      href: string;
      /** The host router's navigate; without it the browser follows the link. */
      onNavigate?: (href: string) => void;
    }
  | {
      /** Sends the customer to Stripe's hosted portal (the fallback) and back to `returnUrl`. */
      mode: 'hosted';
      returnUrl: string;
      onError?: (error: unknown) => void;
    }
);

/** The one button a host app puts in its settings or account menu. */
export function ManageBillingButton(props: ManageBillingButtonProps) {
  const label = props.children ?? 'Manage billing';
  const className = props.className ?? 'bp-button bp-button-primary';
  if (props.mode === 'in-app') {
    const { href, onNavigate } = props;
    return (
      <a
        href={href}
        className={className}
        onClick={(event) => {
          if (!onNavigate || event.metaKey || event.ctrlKey || event.shiftKey) return;
          event.preventDefault();
          onNavigate(href);
        }}
      >
        {label}
      </a>
    );
  }
  return (
    <HostedPortalButton returnUrl={props.returnUrl} onError={props.onError} className={className}>
      {label}
    </HostedPortalButton>
  );
}
