import { useId, type ChangeEvent } from 'react';
import { useIntl } from 'react-intl';
import type { AddressDraft, FieldIssue, useBillingDetails } from '../hooks/use-billing-details';

export type DetailsForm = ReturnType<typeof useBillingDetails>['form'];

/** A compact list of common billing countries; an address elsewhere still shows its own code. */
const COUNTRIES = [
  'AE',
  'AR',
  'AT',
  'AU',
  'BE',
  'BR',
  'CA',
  'CH',
  'CL',
  'CN',
  'CO',
  'CZ',
  'DE',
  'DK',
  'EE',
  'ES',
  'FI',
  'FR',
  'GB',
  'GR',
  'HK',
  'HU',
  'IE',
  'IL',
  'IN',
  'IT',
  'JP',
  'KR',
  'LT',
  'LU',
  'LV',
  'MX',
  'MY',
  'NL',
  'NO',
  'NZ',
  'PH',
  'PL',
  'PT',
  'RO',
  'SE',
  'SG',
  'SI',
  'SK',
  'TH',
  'TR',
  'US',
  'ZA',
];

/** Words a customer understands for a validation issue of one field. */
export function useIssueMessage() {
  const intl = useIntl();
  return (issue: FieldIssue, field: string, path: string): string => {
    if (issue.kind === 'required') return intl.formatMessage({ id: 'details.error.required' }, { field });
    if (issue.kind === 'tooLong') return intl.formatMessage({ id: 'details.error.tooLong' }, { field, max: issue.max });
    const last = path.split('.').at(-1);
    if (last === 'email' || last === 'phone' || last === 'country')
      return intl.formatMessage({ id: `details.error.${last}` });
    return intl.formatMessage({ id: 'details.error.invalid' }, { field });
  };
}

interface FieldProps {
  form: DetailsForm;
  label: string;
  path: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel';
  autoComplete?: string;
  options?: { value: string; label: string }[];
}

/** One labelled input (or select) with its validation message tied to it by aria-describedby. */
export function Field({ form, label, path, value, onChange, type = 'text', autoComplete, options }: FieldProps) {
  const id = useId();
  const message = useIssueMessage();
  const issue = form.errorFor(path);
  const errorId = `${id}-error`;
  const common = {
    id,
    value,
    autoComplete,
    onBlur: () => form.touch(path),
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => onChange(e.target.value),
    'aria-invalid': issue ? true : undefined,
    'aria-describedby': issue ? errorId : undefined,
  };
  return (
    <div className="bp-field-group">
      <label className="bp-field" htmlFor={id}>
        {label}
        {options ? (
          <select {...common}>
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        ) : (
          <input {...common} type={type} />
        )}
      </label>
      {issue && (
        <p id={errorId} className="bp-error">
          {message(issue, label, path)}
        </p>
      )}
    </div>
  );
}

/** A value the configuration does not let the customer change, shown as text. */
export function StaticField({ label, value }: { label: string; value: string }) {
  const intl = useIntl();
  return (
    <div className="bp-field bp-static">
      <span className="bp-static-label">{label}</span>
      <span>{value || intl.formatMessage({ id: 'details.notSet' })}</span>
    </div>
  );
}

/** Billing or shipping address; `autocomplete` sections let browsers fill each from the right card. */
export function AddressFields({
  form,
  which,
  address,
  editable,
}: {
  form: DetailsForm;
  which: 'address' | 'shipping';
  address: AddressDraft;
  editable: boolean;
}) {
  const intl = useIntl();
  const t = (id: string) => intl.formatMessage({ id });
  const prefix = which === 'address' ? 'address' : 'shipping.address';
  const section = which === 'address' ? 'billing' : 'shipping';
  const name = (code: string) => intl.formatDisplayName(code, { type: 'region' }) ?? code;
  if (!editable) return <StaticField label={t(`details.${which}.legend`)} value={formatAddress(address, name)} />;

  const field = (key: keyof AddressDraft, autoComplete: string) => ({
    form,
    label: t(`details.address.${key}`),
    path: `${prefix}.${key}`,
    value: address[key],
    onChange: (value: string) => form.setAddress(which, { [key]: value }),
    autoComplete: `${section} ${autoComplete}`,
  });
  const codes = address.country && !COUNTRIES.includes(address.country) ? [...COUNTRIES, address.country] : COUNTRIES;
  const countries = codes
    .map((code) => ({ value: code, label: name(code) }))
    .sort((a, b) => a.label.localeCompare(b.label, intl.locale));
  return (
    <div className="bp-address">
      <Field {...field('line1', 'address-line1')} />
      <Field {...field('line2', 'address-line2')} />
      <div className="bp-field-row">
        <Field {...field('city', 'address-level2')} />
        <Field {...field('state', 'address-level1')} />
        <Field {...field('postalCode', 'postal-code')} />
      </div>
      <Field
        {...field('country', 'country')}
        options={[{ value: '', label: t('details.address.chooseCountry') }, ...countries]}
      />
    </div>
  );
}

function formatAddress(a: AddressDraft, countryName: (code: string) => string): string {
  const country = a.country ? countryName(a.country) : '';
  return [a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.state, country]
    .filter(Boolean)
    .join(', ');
}
