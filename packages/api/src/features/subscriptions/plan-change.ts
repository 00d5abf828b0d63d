import { ErrorReason, type ItemChange, type PortalConfiguration, type PreviewChangeInput } from '@portal/contract';
import type Stripe from 'stripe';
import type { Deps } from '../../context';
import { productIdOf } from '../../stripe/ids';
import { assertAllowed } from './subscription-actions';
import { badRequest, featureDisabled, notFound } from '../../refusals';
import { resolvePromotionCode } from './promotion-code';
import type { SubscriptionScope } from './subscription-scope';
import { decideTiming, type PlannedItem } from './change-timing';
import { idOf } from '../../stripe/ids';

type ProductOffer = PortalConfiguration['features']['subscription_update']['products'][number];

export interface ChangePlan {
  scope: SubscriptionScope;
  before: PlannedItem[];
  after: PlannedItem[];
  /** Exactly what `subscriptions.update` / `invoices.createPreview` receive as `items`. */
  stripeItems: Stripe.SubscriptionUpdateParams.Item[];
  /** Existing discounts kept, plus the new promotion code: a non-empty array replaces them all. */
  discounts: Stripe.SubscriptionUpdateParams.Discount[] | undefined;
  promotionCode: Stripe.PromotionCode | null;
  timing: 'now' | 'period_end';
}

const discountIds = (sub: Stripe.Subscription) => (sub.discounts ?? []).map((d) => idOf(d));

/**
 * Turns the customer's item-by-item request into a checked plan: every item id is one of this
 * subscription's, every price one the configuration offers, every quantity inside its bounds.
 * A foreign or unknown id is NOT_FOUND; a switch the configuration turns off is FORBIDDEN.
 */
export async function planChange(deps: Deps, scope: SubscriptionScope, input: PreviewChangeInput): Promise<ChangePlan> {
  assertAllowed(scope.actions, 'change');
  const update = scope.config.features.subscription_update;
  const may = (what: 'price' | 'quantity' | 'promotion_code') => update.default_allowed_updates.includes(what);
  const offerOf = (productId: string) => update.products.find((p) => p.product === productId);
  const before: PlannedItem[] = scope.sub.items.data.map((i) => ({
    itemId: i.id,
    price: i.price,
    quantity: i.quantity ?? 1,
  }));
  const after = new Map(before.map((b) => [b.itemId as string, { ...b }]));
  const added: PlannedItem[] = [];
  const stripeItems: Stripe.SubscriptionUpdateParams.Item[] = [];
  const seen = new Set<string>();

  for (const change of input.items) {
    if (change.itemId && seen.has(change.itemId))
      throw badRequest('Each item can be changed once per request.', ErrorReason.invalidChange, {
        detail: 'item_twice',
      });
    if (change.itemId) seen.add(change.itemId);
    const current = change.itemId ? after.get(change.itemId) : undefined;
    if (change.itemId && !current) throw notFound('subscription_item');
    if (change.remove) {
      if (!may('price')) throw featureDisabled('change', 'Plan changes are not available in this billing portal.');
      after.delete(change.itemId as string);
      stripeItems.push({ id: change.itemId as string, deleted: true });
      continue;
    }
    const price = await nextPrice(deps, current?.price ?? null, change, offerOf, may('price'));
    const offer = offerOf(productIdOf(price));
    const productChanged = !current || productIdOf(current.price) !== productIdOf(price);
    const quantity = checkQuantity(change, current?.quantity ?? null, productChanged, offer, may('quantity'));
    if (current) {
      current.price = price;
      current.quantity = quantity;
      stripeItems.push({ id: current.itemId as string, price: price.id, quantity });
    } else {
      if ([...after.values(), ...added].some((i) => productIdOf(i.price) === productIdOf(price)))
        throw badRequest(
          'This plan is already on the subscription; change its item instead.',
          ErrorReason.invalidChange,
          { detail: 'plan_already_on' },
        );
      added.push({ itemId: null, price, quantity });
      stripeItems.push({ price: price.id, quantity });
    }
  }

  const result = [...after.values(), ...added];
  if (result.length === 0)
    throw badRequest('A subscription needs at least one plan; cancel it instead.', ErrorReason.invalidChange, {
      detail: 'needs_a_plan',
    });
  const first = result[0]!.price.recurring;
  if (
    result.some(
      (i) =>
        i.price.recurring?.interval !== first?.interval || i.price.recurring?.interval_count !== first?.interval_count,
    )
  )
    throw badRequest(
      'Every plan on a subscription bills on the same interval: switch all items together.',
      ErrorReason.invalidChange,
      { detail: 'mixed_intervals' },
    );
  if (result.some((i) => i.price.currency !== scope.sub.currency))
    throw badRequest('Every plan on a subscription must use the same currency.', ErrorReason.invalidChange, {
      detail: 'mixed_currencies',
    });

  let promotionCode: Stripe.PromotionCode | null = null;
  if (input.promotionCode) {
    if (!may('promotion_code'))
      throw featureDisabled('promotion_code', 'Promotion codes are not accepted in this billing portal.');
    promotionCode = await resolvePromotionCode(
      deps,
      { customer: scope.customer, sub: scope.sub, after: result },
      input.promotionCode,
    );
  }
  const unchanged = stripeItems.every((s) => {
    const b = before.find((x) => x.itemId === s.id);
    return b && !s.deleted && b.price.id === s.price && b.quantity === s.quantity;
  });
  if (unchanged && !promotionCode)
    throw badRequest('Nothing to change: this is the current plan.', ErrorReason.actionUnavailable, {
      detail: 'nothing_to_change',
    });
  const discounts = promotionCode
    ? [...discountIds(scope.sub).map((discount) => ({ discount })), { promotion_code: promotionCode.id }]
    : undefined;
  const timing = decideTiming(scope, before, result, update.schedule_at_period_end.conditions);
  return { scope, before, after: result, stripeItems, discounts, promotionCode, timing };
}

async function nextPrice(
  deps: Deps,
  current: Stripe.Price | null,
  change: ItemChange,
  offerOf: (productId: string) => ProductOffer | undefined,
  mayChangePrice: boolean,
): Promise<Stripe.Price> {
  if (!change.priceId || change.priceId === current?.id) {
    if (!current)
      throw badRequest('A new item needs a price.', ErrorReason.invalidChange, { detail: 'new_item_needs_price' });
    return current;
  }
  if (!mayChangePrice) throw featureDisabled('change', 'Plan changes are not available in this billing portal.');
  // Only prices the configuration offers exist for the customer; anything else is NOT_FOUND.
  const offered = change.priceId.startsWith('price_') && (await deps.catalog.price(change.priceId));
  if (!offered || !offerOf(productIdOf(offered))?.prices.includes(offered.id) || !offered.active || !offered.recurring)
    throw notFound('price');
  return offered;
}

/**
 * The quantity after the change. Moving to another product starts from its own terms: one unit
 * where seats are not adjustable (five Team seats do not become five Pro plans), else the current
 * count, which must then fit the new product's bounds.
 */
function checkQuantity(
  change: ItemChange,
  current: number | null,
  productChanged: boolean,
  offer: ProductOffer | undefined,
  mayChangeQuantity: boolean,
): number {
  const adjustable = mayChangeQuantity && offer?.adjustable_quantity.enabled === true;
  const baseline = productChanged ? (adjustable ? (current ?? 1) : 1) : (current ?? 1);
  const wanted = change.quantity ?? baseline;
  if (!adjustable) {
    if (wanted !== baseline) throw featureDisabled('quantity', 'The quantity of this plan cannot be changed here.');
    return wanted;
  }
  const { minimum, maximum } = offer.adjustable_quantity;
  if ((wanted !== current || productChanged) && (wanted < minimum || wanted > maximum))
    throw badRequest(`Choose a quantity between ${minimum} and ${maximum}.`, ErrorReason.quantityOutOfRange, {
      params: { minimum, maximum },
    });
  return wanted;
}
