import { appendFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type Stripe from 'stripe';
import { afterAll, afterEach, expect } from 'vitest';
import { counts, responseMismatches } from './sdk-validation.js';

/** Mismatches seen since the current test started (checked and cleared after each test). */
const pending: string[] = [];
let total = 0;

/**
 * Wraps an SDK http client so that every JSON body the SDK reads (`toJSON`) is validated against
 * the schemas generated from the SDK's types. Mismatches fail the test that received them.
 */
export function validatingHttpClient(inner: Stripe.HttpClient): Stripe.HttpClient {
  return {
    getClientName: () => inner.getClientName(),
    async makeRequest(host, port, urlPath, method, headers, requestData, protocol, timeout) {
      const res = await inner.makeRequest(host, port, urlPath, method, headers, requestData, protocol, timeout);
      return {
        getStatusCode: () => res.getStatusCode(),
        getHeaders: () => res.getHeaders(),
        getRawResponse: () => res.getRawResponse(),
        toStream: (done: () => void) => res.toStream(done),
        ...(res.dispose ? { dispose: () => res.dispose!() } : {}),
        async toJSON() {
          const json = await res.toJSON();
          const found = responseMismatches(
            res.getStatusCode(),
            json,
            `${method.toUpperCase()} ${urlPath.split('?')[0]}`,
          );
          pending.push(...found);
          total += found.length;
          return json;
        },
      };
    },
  } as Stripe.HttpClient;
}

afterEach(() => {
  const found = pending.splice(0);
  expect(found, 'responses that do not match the stripe SDK types').toEqual([]);
});

/**
 * Prints what this file validated, plus the running total for the whole run (workers append to
 * a tally named after the vitest process, their parent), so the last line printed is the run's
 * total. In watch mode the vitest process lives on, so that total keeps growing across reruns.
 */
afterAll(() => {
  const tally = path.join(tmpdir(), `stripe-emulator-sdk-validation-${process.ppid}.jsonl`);
  appendFileSync(tally, `${JSON.stringify({ ...counts, mismatches: total })}\n`);
  const rows = readFileSync(tally, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as typeof counts & { mismatches: number });
  const sum = rows.reduce(
    (a, r) => ({
      responses: a.responses + r.responses,
      objects: a.objects + r.objects,
      mismatches: a.mismatches + r.mismatches,
    }),
    { responses: 0, objects: 0, mismatches: 0 },
  );
  console.log(
    `[sdk-schemas] this file: ${counts.responses} responses, ${counts.objects} objects validated, ${total} mismatches | run so far (${rows.length} files): ${sum.responses} responses, ${sum.objects} objects, ${sum.mismatches} mismatches`,
  );
});
