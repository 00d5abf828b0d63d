import type { InvoiceStatus } from '@portal/contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTRPC } from '../provider';

export type InvoiceFilter = InvoiceStatus | 'all';
export const INVOICE_FILTERS: readonly InvoiceFilter[] = ['all', 'paid', 'open', 'void', 'uncollectible'];

/**
 * Headless invoice history: pages follow Stripe's cursor (`nextCursor` is the last invoice's id),
 * and changing the status filter starts a new list rather than filtering loaded pages, so every
 * page the customer sees is complete.
 */
export function useInvoices({ pageSize = 10 }: { pageSize?: number } = {}) {
  const trpc = useTRPC();
  const [status, setStatus] = useState<InvoiceFilter>('all');
  const query = useInfiniteQuery(
    trpc.billing.invoices.list.infiniteQueryOptions(
      { ...(status === 'all' ? {} : { status }), limit: pageSize },
      { getNextPageParam: (last) => last.nextCursor },
    ),
  );
  const invoices = useMemo(() => query.data?.pages.flatMap((page) => page.invoices) ?? [], [query.data]);
  return {
    status,
    setStatus,
    invoices,
    isPending: query.isPending,
    error: query.error,
    retry: () => void query.refetch(),
    hasMore: query.hasNextPage,
    isLoadingMore: query.isFetchingNextPage,
    loadMore: () => void query.fetchNextPage(),
  };
}

/**
 * Paid invoices for the spend chart. Stripe lists newest first, so the latest 100 cover twelve
 * months for anything billed weekly or less often, in one request.
 */
export function useSpendHistory() {
  const trpc = useTRPC();
  return useQuery(trpc.billing.invoices.list.queryOptions({ status: 'paid', limit: 100 }));
}
