import {
  useMutation,
  useQueryClient,
  type MutateOptions,
  type QueryFilters,
  type UseMutationOptions,
} from '@tanstack/react-query';
import { useCallback, useRef } from 'react';

type WithoutKey<T> = Omit<T, 'idempotencyKey'>;

/**
 * Wraps a portal mutation so callers cannot get idempotency wrong: one key per intent (the same
 * input retried after a failure reuses its key, so Stripe applies it once), a fresh key after
 * success or for different input, and the given queries invalidated after success.
 */
export function useIdempotentMutation<
  TOutput,
  TError,
  TVariables extends { idempotencyKey: string },
  TContext = unknown,
>(options: UseMutationOptions<TOutput, TError, TVariables, TContext>, invalidate: QueryFilters[] = []) {
  const queryClient = useQueryClient();
  const keys = useRef(new Map<string, string>());
  const mutation = useMutation({
    ...options,
    onSuccess: async (...args) => {
      keys.current.clear();
      await Promise.all(invalidate.map((filter) => queryClient.invalidateQueries(filter)));
      await options.onSuccess?.(...args);
    },
  });
  const withKey = useCallback((input: WithoutKey<TVariables>) => {
    const id = JSON.stringify(input);
    let key = keys.current.get(id);
    if (!key) {
      key = crypto.randomUUID();
      keys.current.set(id, key);
    }
    return { ...input, idempotencyKey: key } as TVariables;
  }, []);
  const { mutate: rawMutate, mutateAsync: rawMutateAsync } = mutation;
  const mutate = useCallback(
    (input: WithoutKey<TVariables>, opts?: MutateOptions<TOutput, TError, TVariables, TContext>) =>
      rawMutate(withKey(input), opts),
    [rawMutate, withKey],
  );
  const mutateAsync = useCallback(
    (input: WithoutKey<TVariables>, opts?: MutateOptions<TOutput, TError, TVariables, TContext>) =>
      rawMutateAsync(withKey(input), opts),
    [rawMutateAsync, withKey],
  );
  return { ...mutation, mutate, mutateAsync };
}
