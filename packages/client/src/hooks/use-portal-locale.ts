import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { resolveLocale, type SupportedLocale } from '../i18n/locales';
import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

const STORAGE_KEY = 'billing-portal:locale';

function stored(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * The portal's language, in order: an explicit choice (the host's `locale` prop or the picker),
 * the customer's `preferred_locales` in Stripe, the browser. A choice in the picker is saved to
 * the customer, so Stripe's own invoices and emails follow it too. `ready` is false while a signed-in
 * customer's language is still being asked for: draw no words until then.
 */
export function usePortalLocale(explicit: string | undefined) {
  const trpc = useTRPC();
  const me = useQuery(trpc.session.me.queryOptions());
  const hasCustomer = Boolean(me.data?.role === 'customer' || me.data?.readOnly);
  const details = useQuery(trpc.billing.customer.get.queryOptions(undefined, { enabled: hasCustomer, retry: false }));
  const save = useIdempotentMutation(trpc.billing.customer.update.mutationOptions(), [
    trpc.billing.customer.pathFilter(),
  ]);
  const [chosen, setChosen] = useState<string | null>(() => (typeof window === 'undefined' ? null : stored()));
  const preferred = details.data?.preferredLocales;
  const locale = useMemo(
    () =>
      resolveLocale([
        explicit,
        chosen,
        ...(preferred ?? []),
        ...(typeof navigator === 'undefined' ? [] : navigator.languages),
      ]),
    [explicit, chosen, preferred],
  );
  const canSave = Boolean(me.data && !me.data.readOnly && details.data?.editableFields.includes('preferred_locales'));
  const { mutate } = save;
  const choose = useCallback(
    (next: SupportedLocale) => {
      setChosen(next);
      try {
        window.localStorage.setItem(STORAGE_KEY, next);
      } catch {
        // Private browsing: the choice lasts for this page only.
      }
      if (canSave) mutate({ preferredLocales: [next] });
    },
    [canSave, mutate],
  );
  // Until the customer's own language is known, a screen drawn in the browser's would switch
  // language under the reader's eyes (Arabic, then English a moment later): hold it back instead.
  const ready = Boolean(explicit || chosen) || !hasCustomer || !details.isPending;
  return { locale, ready, choose, saveError: save.error };
}
