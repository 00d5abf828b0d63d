import type { ChangePreview, Interval, ItemChange, PortalConfigView, SubscriptionView } from '@portal/contract';
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
  // Multi-item subscriptions: add-ons taken off (by item id) and put on (by product id → price id).
  const [removed, setRemoved] = useState<ReadonlySet<string>>(new Set());
  const [added, setAdded] = useState<Record<string, string>>({});
  const [promotionCode, setPromotionCode] = useState<string | undefined>(undefined);
  const selection: Selection = useMemo(() => {
    const base: Selection = {};
    for (const item of subscription?.items ?? [])
      base[item.itemId] = { priceId: item.priceId, quantity: item.quantity };
    return { ...base, ...edits };
  }, [subscription, edits]);

  const addedPrices = Object.values(added);
  const changed = subscription
    ? !sameSelection(subscription, selection) || removed.size > 0 || addedPrices.length > 0 || Boolean(promotionCode)
    : false;
  // One request for the whole subscription, so the preview is one exact invoice for all of it.
  const items: ItemChange[] = [
    ...Object.entries(selection).map(([itemId, s]) =>
      removed.has(itemId) ? { itemId, remove: true } : { itemId, priceId: s.priceId, quantity: s.quantity },
    ),
    ...addedPrices.map((priceId) => ({ priceId, quantity: 1 })),
  ];
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
  const offerOfPrice = (priceId: string) => config.data?.products.find((p) => p.prices.some((x) => x.id === priceId));
  const priceIn = (offer: Offer | undefined, interval: Interval) =>
    offer?.prices.find((p) => p.interval === interval && p.intervalCount === 1);
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
    removed,
    added,
    /** Takes an add-on off, or puts it back. */
    toggleRemoved(itemId: string) {
      setRemoved((prev) => {
        const next = new Set(prev);
        if (next.has(itemId)) next.delete(itemId);
        else next.add(itemId);
        return next;
      });
    },
    /** Puts an add-on on (its price at `interval`), or takes a just-added one off again. */
    toggleAdded(productId: string, interval: Interval) {
      setAdded((prev) => {
        const { [productId]: existing, ...rest } = prev;
        const price = priceIn(offerFor(productId), interval);
        return existing || !price ? rest : { ...prev, [productId]: price.id };
      });
    },
    /** Stripe bills every item on one interval: switching moves every item, each to its own product's price. */
    switchInterval(interval: Interval) {
      const next: Selection = {};
      for (const [itemId, s] of Object.entries(selection)) {
        const price = priceIn(offerOfPrice(s.priceId), interval);
        if (price) next[itemId] = { ...s, priceId: price.id };
      }
      setEdits((prev) => ({ ...prev, ...next }));
      setAdded((prev) =>
        Object.fromEntries(
          Object.keys(prev).flatMap((productId) => {
            const price = priceIn(offerFor(productId), interval);
            return price ? [[productId, price.id]] : [];
          }),
        ),
      );
    },
    /** Whether every item (and every add-on on offer) has a price at `interval`. */
    canSwitchTo(interval: Interval) {
      return Object.values(selection).every((s) => Boolean(priceIn(offerOfPrice(s.priceId), interval)));
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
