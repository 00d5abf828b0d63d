import type { CustomerDetailsView } from '@portal/contract';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../provider';
import { changesBetween, draftFrom, validate, type AddressDraft, type DetailsDraft } from './details-draft';
import { useIdempotentMutation } from './use-idempotent-mutation';

export type { AddressDraft, DetailsDraft, DetailsErrors, FieldIssue } from './details-draft';

/** The customer's billing details as Stripe has them, and the update that changes them. */
export function useCustomerDetails() {
  const trpc = useTRPC();
  const details = useQuery(trpc.billing.customer.get.queryOptions());
  // The overview greets the customer by name, so it refreshes too.
  const update = useIdempotentMutation(trpc.billing.customer.update.mutationOptions(), [
    trpc.billing.customer.pathFilter(),
    trpc.billing.overview.pathFilter(),
  ]);
  return { details, update };
}

/**
 * Headless billing-details form: edits over what Stripe has, validation of the changed fields
 * with the contract's rules, and a save that sends only what changed.
 */
export function useBillingDetails() {
  const { details, update } = useCustomerDetails();
  const view = details.data;
  return { details, update, form: useDetailsForm(view ?? null, update) };
}

function useDetailsForm(view: CustomerDetailsView | null, update: ReturnType<typeof useCustomerDetails>['update']) {
  const [edits, setEdits] = useState<Partial<DetailsDraft>>({});
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const base = useMemo(() => (view ? draftFrom(view) : null), [view]);
  const draft: DetailsDraft | null = base ? { ...base, ...edits } : null;
  const editable = view?.editableFields ?? [];
  const changes = base && draft ? changesBetween(base, draft, editable) : {};
  const errors = validate(changes);
  const hasChanges = Object.keys(changes).length > 0;

  return {
    draft,
    editable: (field: (typeof editable)[number]) => editable.includes(field),
    hasChanges,
    /** Shown once the customer has left the field or tried to save, not while they type. */
    errorFor(path: string) {
      return submitted || touched.has(path) ? (errors[path] ?? null) : null;
    },
    set<K extends keyof DetailsDraft>(key: K, value: DetailsDraft[K]) {
      setEdits((prev) => ({ ...prev, [key]: value }));
    },
    setAddress(which: 'address' | 'shipping', part: Partial<AddressDraft>) {
      if (!draft) return;
      if (which === 'address') setEdits((prev) => ({ ...prev, address: { ...draft.address, ...part } }));
      else
        setEdits((prev) => ({
          ...prev,
          shipping: { ...draft.shipping, address: { ...draft.shipping.address, ...part } },
        }));
    },
    touch(path: string) {
      setTouched((prev) => new Set(prev).add(path));
    },
    /** Resolves true when saved; false when validation stopped it (errors are then shown). */
    async save(): Promise<boolean> {
      setSubmitted(true);
      if (!hasChanges || Object.keys(errors).length > 0) return false;
      await update.mutateAsync(changes);
      // The refreshed details are the new base: drop the edits so the form shows Stripe's values.
      setEdits({});
      setTouched(new Set());
      setSubmitted(false);
      return true;
    },
  };
}

/** The customer's tax IDs; adding and removing refresh the list. */
export function useTaxIds() {
  const trpc = useTRPC();
  const list = useQuery(trpc.billing.taxIds.list.queryOptions());
  const refresh = [trpc.billing.taxIds.pathFilter()];
  return {
    list,
    add: useIdempotentMutation(trpc.billing.taxIds.add.mutationOptions(), refresh),
    remove: useIdempotentMutation(trpc.billing.taxIds.remove.mutationOptions(), refresh),
  };
}
