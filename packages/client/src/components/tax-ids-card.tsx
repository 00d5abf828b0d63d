import { ErrorReason, type TaxIdView } from '@portal/contract';
import { useId, useRef, useState, type FormEvent } from 'react';
import { useIntl, type IntlShape } from 'react-intl';
import { useTaxIds } from '../hooks/use-billing-details';
import { Dialog } from './dialog';
import { ErrorNotice } from './error-notice';
import { errorText, reasonOf } from './error-text';
import { useFlash } from './flash';
import { TAX_ID_TYPES, exampleFor, isKnownTaxIdType, type TaxIdType } from './tax-id-types';
import { useViewer } from './use-viewer';

type TaxIds = ReturnType<typeof useTaxIds>;

function useTypeLabel() {
  const intl = useIntl();
  return (type: string) =>
    isKnownTaxIdType(type) ? intl.formatMessage({ id: `taxIds.type.${type}` }) : type.replace(/_/g, ' ').toUpperCase();
}

/** Tax IDs printed on invoices: list with Stripe's verification status, add, remove. */
export function TaxIdsCard({ editable }: { editable: boolean }) {
  const intl = useIntl();
  const taxIds = useTaxIds();
  const label = useTypeLabel();
  const { readOnly } = useViewer();
  const [removing, setRemoving] = useState<TaxIdView | null>(null);
  const t = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  const { list } = taxIds;

  return (
    <section className="bp-card" aria-labelledby="bp-tax-ids-title">
      <h2 id="bp-tax-ids-title">{t('taxIds.title')}</h2>
      {list.isPending ? (
        <div className="bp-skeleton bp-skeleton-rows" role="status" aria-busy="true" aria-label={t('taxIds.loading')} />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.taxIds.length === 0 ? (
        <p className="bp-muted">{t('taxIds.empty')}</p>
      ) : (
        <ul className="bp-tax-ids">
          {list.data.taxIds.map((taxId) => (
            <li key={taxId.id} className="bp-tax-id">
              <span className="bp-tax-type">{label(taxId.type)}</span>
              <span className="bp-tax-value">{taxId.value}</span>
              {taxId.verificationStatus && (
                <span className={`bp-badge bp-badge-tax-${taxId.verificationStatus}`}>
                  {t(`taxIds.status.${taxId.verificationStatus}`)}
                </span>
              )}
              {editable && (
                <button
                  type="button"
                  className="bp-button bp-button-danger"
                  disabled={readOnly}
                  onClick={() => setRemoving(taxId)}
                >
                  {t('taxIds.remove')}
                  <span className="bp-visually-hidden">
                    {' '}
                    {t('taxIds.removeHidden', { type: label(taxId.type), value: taxId.value })}
                  </span>
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {editable && <AddTaxIdForm add={taxIds.add} disabled={readOnly} />}
      {removing && <RemoveTaxIdDialog taxId={removing} remove={taxIds.remove} onClose={() => setRemoving(null)} />}
    </section>
  );
}

/** A number Stripe rejects, or one the customer already has: said at the field, in their language. */
const FIELD_REASONS: readonly string[] = [ErrorReason.invalidTaxId, ErrorReason.duplicateTaxId];
const fieldMessage = (intl: IntlShape, error: unknown) =>
  FIELD_REASONS.includes(reasonOf(error) ?? '') ? errorText(intl, error) : null;

function AddTaxIdForm({ add, disabled }: { add: TaxIds['add']; disabled: boolean }) {
  const intl = useIntl();
  const label = useTypeLabel();
  const flash = useFlash();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [type, setType] = useState<TaxIdType>('eu_vat');
  const [value, setValue] = useState('');
  const [missing, setMissing] = useState(false);
  const t = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: key }, values);
  const example = exampleFor(type);
  const inline = missing ? t('taxIds.add.required') : fieldMessage(intl, add.error);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!value.trim()) {
      setMissing(true);
      input.current?.focus();
      return;
    }
    await add.mutateAsync({ type, value: value.trim() });
    setValue('');
    flash(t('taxIds.added'));
  }

  return (
    <form
      className="bp-tax-add"
      noValidate
      onSubmit={(e) => void submit(e).catch(() => {})}
      aria-labelledby={`${id}-title`}
    >
      <h3 id={`${id}-title`}>{t('taxIds.add.title')}</h3>
      <fieldset className="bp-plain bp-inline" disabled={disabled}>
        <label className="bp-field">
          {t('taxIds.add.type')}
          <select value={type} onChange={(e) => (setType(e.target.value as TaxIdType), add.reset())}>
            {TAX_ID_TYPES.map((option) => (
              <option key={option.type} value={option.type}>
                {label(option.type)}
              </option>
            ))}
          </select>
        </label>
        <label className="bp-field">
          {t('taxIds.add.value')}
          <input
            ref={input}
            value={value}
            maxLength={64}
            placeholder={example}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => (setValue(e.target.value), setMissing(false), add.reset())}
            aria-invalid={inline ? true : undefined}
            aria-describedby={`${id}-hint${inline ? ` ${id}-error` : ''}`}
          />
        </label>
        <button type="submit" className="bp-button" disabled={disabled || add.isPending}>
          {add.isPending ? t('taxIds.add.adding') : t('taxIds.add.submit')}
        </button>
        <p id={`${id}-hint`} className="bp-muted bp-hint">
          {t('taxIds.add.hint', { example })}
        </p>
        {inline && (
          <p id={`${id}-error`} className="bp-error" role="alert">
            {inline}
          </p>
        )}
      </fieldset>
      {add.error && !inline && <ErrorNotice error={add.error} />}
    </form>
  );
}

function RemoveTaxIdDialog({
  taxId,
  remove,
  onClose,
}: {
  taxId: TaxIdView;
  remove: TaxIds['remove'];
  onClose: () => void;
}) {
  const intl = useIntl();
  const label = useTypeLabel();
  const flash = useFlash();
  const { readOnly } = useViewer();
  const t = (key: string, values?: Record<string, string>) => intl.formatMessage({ id: key }, values);
  async function confirm() {
    await remove.mutateAsync({ taxIdId: taxId.id });
    onClose();
    flash(t('taxIds.removed'));
  }
  return (
    <Dialog title={t('taxIds.remove.title')} onClose={onClose}>
      <p>{t('taxIds.remove.body', { type: label(taxId.type), value: taxId.value })}</p>
      {remove.error && <ErrorNotice error={remove.error} />}
      <div className="bp-actions">
        <button
          type="button"
          className="bp-button bp-button-danger"
          disabled={readOnly || remove.isPending}
          onClick={() => void confirm().catch(() => {})}
        >
          {t('taxIds.remove.confirm')}
        </button>
        <button type="button" className="bp-button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </Dialog>
  );
}
