import type { ChangePreview, ItemChange, PortalConfigView, SubscriptionView } from '@portal/contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../provider';
import { useIdempotentMutation } from './use-idempotent-mutation';

export type Offer = PortalConfigView['products'][number];
export type OfferPrice = Offer['prices'][number];

/** Selected price and quantity per existing item (by item id). */
type Selection = Record<string, { priceId: string; quantity: number }>;

const sameSelection = (sub: SubscriptionView, sel: Selection) =>
  sub.items.every((i) => sel[i.itemId]?.priceId === i.priceId && sel[i.itemId]?.quantity === i.quantity);

/**
 * Headless plan change: the customer's selection per item, a live preview from Stripe with a fixed
 * proration date, and a confirm that sends that same date so the charge equals the preview.
 */
export function usePlanChange(subscriptionId: string) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.billing.overview.queryOptions());
  const config = useQuery(trpc.billing.portal.config.queryOptions());
  const subscription = overview.data?.subscriptions.find((s) => s.id === subscriptionId) ?? null;

  const [edits, setEdits] = useState<Selection>({});
  const [promotionCode, setPromotionCode] = useState<string | undefined>(undefined);
  const selection: Selection = useMemo(() => {
    const base: Selection = {};
    for (const item of subscription?.items ?? []) base[item.itemId] = { priceId: item.priceId, quantity: item.quantity };
    return { ...base, ...edits };
  }, [subscription, edits]);

  const changed = subscription ? !sameSelection(subscription, selection) || Boolean(promotionCode) : false;
  const items: ItemChange[] = Object.entries(selection).map(([itemId, s]) => ({ itemId, priceId: s.priceId, quantity: s.quantity }));
  const previewInput = { subscriptionId, items, ...(promotionCode ? { promotionCode } : {}) };
  const preview = useQuery({
    ...trpc.billing.subscription.previewChange.queryOptions(previewInput, { enabled: changed }),
    placeholderData: keepPreviousData,
    // A preview pins a proration date: it must not silently refresh under the customer's eyes.
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
  const change = useIdempotentMutation(trpc.billing.subscription.change.mutationOptions(), [
    trpc.billing.overview.pathFilter(),
    trpc.billing.invoices.pathFilter(),
  ]);

  const offerFor = (productId: string): Offer | undefined => config.data?.products.find((p) => p.id === productId);
  return {
    isLoading: overview.isPending || config.isPending,
    error: overview.error ?? config.error,
    subscription,
    config: config.data ?? null,
    selection,
    changed,
    offerFor,
    select(itemId: string, next: Partial<{ priceId: string; quantity: number }>) {
      setEdits((prev) => ({ ...prev, [itemId]: { ...selection[itemId]!, ...next } }));
    },
    promotionCode,
    setPromotionCode,
    preview: changed ? preview : null,
    change,
    confirm(current: ChangePreview) {
      return change.mutateAsync({ ...previewInput, prorationDate: current.prorationDate });
    },
  };
}
