import { useRef, type FormEvent } from 'react';
import { useIntl } from 'react-intl';
import { useBillingDetails } from '../hooks/use-billing-details';
import { Checkbox } from './choice';
import { AddressFields, Field, StaticField } from './details-fields';
import { ErrorNotice } from './error-notice';
import { useFlash } from './flash';
import { TaxIdsCard } from './tax-ids-card';
import { useViewer } from './use-viewer';

/** Billing details: name, email, phone, addresses as the configuration allows; then tax IDs. */
export function BillingDetailsSection() {
  const intl = useIntl();
  const { details, update, form } = useBillingDetails();
  const { readOnly } = useViewer();
  const flash = useFlash();
  const formRef = useRef<HTMLFormElement>(null);
  const t = (id: string) => intl.formatMessage({ id });

  if (details.isPending)
    return <div className="bp-card bp-skeleton" role="status" aria-busy="true" aria-label={t('details.loading')} />;
  if (details.isError) return <ErrorNotice error={details.error} onRetry={() => void details.refetch()} />;
  const draft = form.draft!;
  const anyEditable = (['name', 'email', 'phone', 'address', 'shipping'] as const).some(form.editable);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await form.save();
    if (saved) flash(t('details.saved'));
    // Take the customer to the first field that needs fixing; its message is read with it.
    else requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
  }

  const text = (field: 'name' | 'email' | 'phone', type: 'text' | 'email' | 'tel', autoComplete: string) =>
    form.editable(field) ? (
      <Field
        form={form}
        label={t(`details.${field}`)}
        path={field}
        value={draft[field]}
        onChange={(v) => form.set(field, v)}
        type={type}
        autoComplete={autoComplete}
      />
    ) : (
      <StaticField label={t(`details.${field}`)} value={draft[field]} />
    );

  return (
    <section aria-labelledby="bp-details-title">
      <h1 id="bp-details-title">{t('details.title')}</h1>
      <form
        ref={formRef}
        className="bp-card"
        noValidate
        aria-labelledby="bp-details-form-title"
        onSubmit={(e) => void submit(e).catch(() => {})}
      >
        <h2 id="bp-details-form-title">{t('details.contact')}</h2>
        {/* A disabled fieldset disables every control inside it: support's view-as changes nothing. */}
        <fieldset className="bp-plain" disabled={readOnly}>
          {text('name', 'text', 'name')}
          {text('email', 'email', 'email')}
          {text('phone', 'tel', 'tel')}
          <fieldset className="bp-group">
            <legend>{t('details.address.legend')}</legend>
            <AddressFields form={form} which="address" address={draft.address} editable={form.editable('address')} />
          </fieldset>
          {form.editable('shipping') ? (
            <ShippingFields form={form} />
          ) : (
            <AddressFields
              form={form}
              which="shipping"
              address={draft.sameAsBilling ? draft.address : draft.shipping.address}
              editable={false}
            />
          )}
          {update.error && <ErrorNotice error={update.error} />}
          {anyEditable && (
            <div className="bp-actions">
              <button
                type="submit"
                className="bp-button bp-button-primary"
                disabled={readOnly || update.isPending || !form.hasChanges}
              >
                {update.isPending ? t('details.saving') : t('details.save')}
              </button>
            </div>
          )}
        </fieldset>
      </form>
      <TaxIdsCard editable={details.data.taxIdsEditable} />
    </section>
  );
}

function ShippingFields({ form }: { form: ReturnType<typeof useBillingDetails>['form'] }) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const draft = form.draft!;
  return (
    <fieldset className="bp-group">
      <legend>{t('details.shipping.legend')}</legend>
      <Field
        form={form}
        label={t('details.shipping.name')}
        path="shipping.name"
        value={draft.shipping.name}
        onChange={(name) => form.set('shipping', { ...draft.shipping, name })}
        autoComplete="shipping name"
      />
      <Field
        form={form}
        label={t('details.shipping.phone')}
        path="shipping.phone"
        value={draft.shipping.phone}
        onChange={(phone) => form.set('shipping', { ...draft.shipping, phone })}
        type="tel"
        autoComplete="shipping tel"
      />
      <label className="bp-check">
        <Checkbox checked={draft.sameAsBilling} onCheckedChange={(same) => form.set('sameAsBilling', same)} />
        {t('details.shipping.same')}
      </label>
      {!draft.sameAsBilling && <AddressFields form={form} which="shipping" address={draft.shipping.address} editable />}
    </fieldset>
  );
}
