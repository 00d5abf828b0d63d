import { Elements, PaymentElement, useElements, useStripe } from '@stripe/react-stripe-js';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { usePaymentMethods } from '../hooks/use-payment-methods';
import { useTRPC } from '../provider';
import { elementsAppearance, loadPortalStripe } from '../stripe/load-stripe';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';

/**
 * Adds a card: a SetupIntent from the server, Stripe's PaymentElement in the page, and
 * `confirmSetup` in the browser (3-D Secure handled by Stripe.js without leaving the page).
 */
export default function AddCardDialog({ onClose, onAdded }: { onClose: () => void; onAdded: () => void }) {
  const intl = useIntl();
  const trpc = useTRPC();
  const stripeConfig = useQuery(trpc.session.stripe.queryOptions());
  const { createSetupIntent } = usePaymentMethods();
  const [clientSecret, setClientSecret] = useState<string | null>(null);
  const { mutateAsync } = createSetupIntent;

  useEffect(() => {
    // One SetupIntent per opening of the dialog.
    mutateAsync({}).then(
      (r) => setClientSecret(r.clientSecret),
      () => {},
    );
  }, [mutateAsync]);

  const stripe = useMemo(() => (stripeConfig.data ? loadPortalStripe(stripeConfig.data) : null), [stripeConfig.data]);
  const appearance = useMemo(() => elementsAppearance(document.querySelector('.bp-root')), []);
  const error = createSetupIntent.error ?? stripeConfig.error;
  return (
    // Not modal: Stripe.js shows its 3-D Secure challenge outside the dialog (see Dialog).
    <Dialog title={intl.formatMessage({ id: 'pm.addTitle' })} onClose={onClose} modal={false}>
      {error && <ErrorNotice error={error} />}
      {(!clientSecret || !stripe) && !error && <p role="status">{intl.formatMessage({ id: 'pm.loadingForm' })}</p>}
      {clientSecret && stripe && (
        <Elements stripe={stripe} options={{ clientSecret, appearance }}>
          <CardForm onAdded={onAdded} onCancel={onClose} />
        </Elements>
      )}
    </Dialog>
  );
}

function CardForm({ onAdded, onCancel }: { onAdded: () => void; onCancel: () => void }) {
  const intl = useIntl();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stripe = useStripe();
  const elements = useElements();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!stripe || !elements) return;
    setBusy(true);
    setMessage(null);
    const submitted = await elements.submit();
    if (submitted.error) {
      setMessage(submitted.error.message ?? null);
      setBusy(false);
      return;
    }
    const result = await stripe.confirmSetup({
      elements,
      redirect: 'if_required',
      confirmParams: { return_url: window.location.href },
    });
    setBusy(false);
    if (result.error) {
      setMessage(result.error.message ?? intl.formatMessage({ id: 'common.error.generic' }));
      return;
    }
    await Promise.all([
      queryClient.invalidateQueries(trpc.billing.paymentMethods.pathFilter()),
      queryClient.invalidateQueries(trpc.billing.overview.pathFilter()),
    ]);
    onAdded();
  }

  return (
    <form onSubmit={submit}>
      <div className="bp-stripe-form">
        <PaymentElement options={{ layout: 'tabs' }} />
      </div>
      {message && (
        <p className="bp-error" role="alert">
          {message}
        </p>
      )}
      <div className="bp-actions">
        <button type="submit" className="bp-button bp-button-primary" disabled={!stripe || busy}>
          {busy ? intl.formatMessage({ id: 'pm.saving' }) : intl.formatMessage({ id: 'pm.save' })}
        </button>
        <button type="button" className="bp-button" onClick={onCancel}>
          {intl.formatMessage({ id: 'common.cancel' })}
        </button>
      </div>
    </form>
  );
}
