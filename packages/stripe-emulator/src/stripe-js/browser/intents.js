// Confirming intents from the page: the emulator call, the 3DS challenge when the intent asks
// for one, the optional redirect, and results in Stripe.js's `{ setupIntent } | { error }` shape.
SE.intents = (function () {
  var U = SE.util;
  var PATHS = { setup_intent: 'setup_intents', payment_intent: 'payment_intents' };
  var RESULT = { setup_intent: 'setupIntent', payment_intent: 'paymentIntent' };
  var NOUN = { setup_intent: 'SetupIntent', payment_intent: 'PaymentIntent' };

  function ok(kind, intent) {
    var result = {};
    result[RESULT[kind]] = intent;
    return result;
  }

  /** The error Stripe.js resolves with when the customer fails (or dismisses) the challenge. */
  function authenticationError(kind, intent) {
    var last = intent[kind === 'setup_intent' ? 'last_setup_error' : 'last_payment_error'] || {};
    var error = Object.assign(
      {
        type: 'invalid_request_error',
        code: kind + '_authentication_failure',
        message:
          'We are unable to authenticate your payment method. Please choose a different payment method and try again.',
      },
      last,
    );
    error[kind] = intent;
    return error;
  }

  /**
   * Binds a client secret to the intent it belongs to. `kind` (when given) is the intent type the
   * calling method expects: confirmSetup with a PaymentIntent secret is an integration error.
   */
  function context(key, clientSecret, method, kind, extra) {
    var cs = U.parseClientSecret(clientSecret, method);
    if (kind && cs.kind !== kind)
      throw U.integrationError(
        method + ': expected a ' + NOUN[kind] + ' client secret, got one for a ' + NOUN[cs.kind] + '.',
      );
    return Object.assign(
      { key: key, kind: cs.kind, id: cs.id, secret: cs.secret, redirect: 'if_required', handleActions: true },
      extra || {},
    );
  }

  // With redirect 'always' (Stripe.js's default), a finished confirmation goes to return_url
  // with the same query parameters Stripe adds; the promise never settles as the page unloads.
  function finish(ctx, intent, result) {
    if (ctx.redirect === 'if_required' || !ctx.returnUrl) return result;
    var url = new URL(ctx.returnUrl, window.location.href);
    url.searchParams.set(ctx.kind, intent.id);
    url.searchParams.set(ctx.kind + '_client_secret', intent.client_secret);
    url.searchParams.set('redirect_status', result.error ? 'failed' : 'succeeded');
    window.location.assign(url.toString());
    return new Promise(function () {});
  }

  /** Takes an intent the emulator returned to its final state, through the challenge if needed. */
  async function settle(ctx, intent) {
    if (intent.status === 'requires_action' && ctx.handleActions) {
      var approved = await SE.challenge(intent, ctx.appearance);
      var res = await U.request('POST', PATHS[ctx.kind] + '/' + ctx.id + '/authenticate', {
        key: ctx.key,
        client_secret: ctx.secret,
        result: approved ? 'succeed' : 'fail',
      });
      if (!res.ok) return { error: res.body.error };
      intent = res.body;
      if (intent.status === 'requires_payment_method')
        return finish(ctx, intent, { error: authenticationError(ctx.kind, intent) });
    }
    return finish(ctx, intent, ok(ctx.kind, intent));
  }

  /** `payment`: `{ payment_method: 'pm_…' }`, `{ payment_method_data: {…} }` or `{}` (already attached). */
  async function confirm(ctx, payment) {
    var params = Object.assign({ key: ctx.key, client_secret: ctx.secret }, payment);
    if (ctx.returnUrl) params.return_url = ctx.returnUrl;
    var res = await U.request('POST', PATHS[ctx.kind] + '/' + ctx.id + '/confirm', params);
    if (!res.ok) return { error: res.body.error };
    return settle(ctx, res.body);
  }

  async function retrieve(ctx) {
    var res = await U.request('GET', PATHS[ctx.kind] + '/' + ctx.id, { key: ctx.key, client_secret: ctx.secret });
    return res.ok ? ok(ctx.kind, res.body) : { error: res.body.error };
  }

  /** handleNextAction / handleCardAction: run the challenge of an intent confirmed elsewhere (on the server). */
  async function nextAction(ctx) {
    var res = await U.request('GET', PATHS[ctx.kind] + '/' + ctx.id, { key: ctx.key, client_secret: ctx.secret });
    if (!res.ok) return { error: res.body.error };
    return settle(ctx, res.body);
  }

  /** The card form's values as `payment_method_data`, merged with any billing details the page passes. */
  function methodData(card, billingDetails) {
    var billing = Object.assign({}, billingDetails || {});
    if (card.postal_code) billing.address = Object.assign({}, billing.address || {}, { postal_code: card.postal_code });
    var data = {
      type: 'card',
      card: { number: card.number, exp_month: card.exp_month, exp_year: card.exp_year, cvc: card.cvc },
    };
    if (Object.keys(billing).length > 0) data.billing_details = billing;
    return data;
  }

  async function createPaymentMethod(key, data) {
    var res = await U.request('POST', 'payment_methods', Object.assign({ key: key }, data));
    return res.ok ? { paymentMethod: res.body } : { error: res.body.error };
  }

  return {
    context: context,
    confirm: confirm,
    retrieve: retrieve,
    nextAction: nextAction,
    methodData: methodData,
    createPaymentMethod: createPaymentMethod,
  };
})();
