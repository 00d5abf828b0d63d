import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { OWN_CODE_DECLINES } from '../src/errors.js';
import { setup, stripeError } from './helpers.js';

// Issue #17 item 7: every `code` the emulator answers must be one Stripe documents. The SDK's
// union of error codes is `Invoice.LastFinalizationError.Code` (the API's StripeError object).
const require = createRequire(import.meta.url);
const invoicesDts = readFileSync(path.join(path.dirname(require.resolve('stripe')), 'resources/Invoices.d.ts'), 'utf8');

function sdkErrorCodes(): Set<string> {
  const block = /namespace LastFinalizationError \{\s*type Code = ([^;]+);/.exec(invoicesDts)?.[1];
  if (!block) throw new Error('LastFinalizationError.Code not found in the SDK');
  return new Set([...block.matchAll(/'([a-z0-9_]+)'/g)].map((m) => m[1]!));
}

const srcDir = path.resolve(import.meta.dirname, '../src');
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );

interface Found {
  code: string;
  where: string;
}

/**
 * Every error code written in the emulator's source: the third argument of `invalidRequest`, any
 * `code:` property and any `code` variable. A code built at run time (a template or a variable of
 * another name) is reported as `<dynamic>` so that it cannot slip past this check.
 */
function emulatorErrorCodes(): Found[] {
  const found: Found[] = [];
  for (const file of sourceFiles(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) =>
      `${path.relative(srcDir, file)}:${sf.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const literalsIn = (expr: ts.Expression, at: ts.Node) => {
      const walk = (n: ts.Node): void => {
        if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n))
          found.push({ code: n.text, where: where(at) });
        else if (ts.isTemplateExpression(n)) found.push({ code: '<dynamic>', where: where(at) });
        // Only the branches of `a ? b : c` are codes; the condition is not.
        else if (ts.isConditionalExpression(n)) [n.whenTrue, n.whenFalse].forEach(walk);
        else if (!ts.isCallExpression(n)) ts.forEachChild(n, walk);
      };
      walk(expr);
    };
    // An error body is an object literal with a `message`; other `code` keys are promotion codes.
    const isErrorBody = (node: ts.PropertyAssignment) =>
      ts.isObjectLiteralExpression(node.parent) &&
      node.parent.properties.some((p) => p.name?.getText(sf) === 'message');
    const visit = (node: ts.Node): void => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'invalidRequest' &&
        node.arguments[2]
      )
        literalsIn(node.arguments[2], node);
      if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'code' && isErrorBody(node))
        literalsIn(node.initializer, node);
      if (ts.isVariableDeclaration(node) && node.name.getText(sf) === 'code' && node.initializer)
        literalsIn(node.initializer, node);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return found;
}

describe('error codes', () => {
  it('every code in the source is in the SDK union (emulator_* codes are the emulator’s own)', () => {
    const union = sdkErrorCodes();
    expect(union.size).toBeGreaterThan(150);
    const codes = emulatorErrorCodes();
    // The walk must see the codes it is meant to police, or it checks nothing.
    expect(codes.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'resource_missing',
        'parameter_unknown',
        'card_declined',
        'idempotency_key_in_use',
        'emulator_unsupported_parameter',
      ]),
    );
    // STRIPE-NOTES.md: since basil Stripe answers `payment_method_types` with this dedicated code,
    // which the SDK's union (generated from the error objects it can *return*) does not list.
    const documentedOutsideUnion = new Set(['payment_method_types_no_longer_supported']);
    const strangers = codes.filter(
      ({ code }) => !union.has(code) && !code.startsWith('emulator_') && !documentedOutsideUnion.has(code),
    );
    expect(strangers).toEqual([]);
    // `cardDeclined` answers these declines under their own code.
    expect(OWN_CODE_DECLINES.filter((c) => !union.has(c))).toEqual([]);
  });

  it('answers the cases of the eight former codes as Stripe does', async () => {
    const { stripe } = setup({ seed: 'demo' });
    const customer = await stripe.customers.create({ email: 'a@example.com' });
    const other = await stripe.customers.create({ email: 'b@example.com' });
    const pm = await stripe.paymentMethods.attach('pm_card_visa', { customer: customer.id });
    const attached = await stripeError(() => stripe.paymentMethods.attach(pm.id, { customer: other.id }));
    expect(attached).toMatchObject({ statusCode: 400, type: 'StripeInvalidRequestError', code: undefined });
    expect(attached.message).toBe('The payment method you provided has already been attached to a customer.');

    const bool = await stripeError(() => stripe.prices.list({ active: 'maybe' as unknown as boolean }));
    expect(bool).toMatchObject({
      statusCode: 400,
      param: 'active',
      code: undefined,
      message: 'Invalid boolean: maybe',
    });

    const product = await stripe.products.create({ name: 'Has prices' });
    await stripe.prices.create({ product: product.id, currency: 'usd', unit_amount: 100 });
    const del = await stripeError(() => stripe.products.del(product.id));
    expect(del).toMatchObject({
      statusCode: 400,
      code: undefined,
      message: 'This product cannot be deleted because it has one or more user-created prices.',
    });

    const paidInvoice = (await stripe.invoices.list({ customer: 'cus_demo_active', status: 'paid', limit: 1 }))
      .data[0]!;
    const paid = await stripeError(() => stripe.invoices.pay(paidInvoice.id!));
    expect(paid).toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      code: undefined,
      message: 'Invoice is already paid',
    });
  });
});
