// `window.Stripe(publishableKey, options)`: the object `loadStripe` hands to `<Elements>`, with
// the methods @stripe/react-stripe-js checks for and calls.
SE.createElements = function (stripeOptions, initial) {
  var options = Object.assign({}, initial || {});
  var live = [];
  var submitted = false;
  var group = {
    appearance: function () {
      return options.appearance;
    },
    forget: function (element) {
      live = live.filter(function (e) {
        return e !== element;
      });
    },
  };
  function find(type) {
    return (
      live.filter(function (e) {
        return e._type === type;
      })[0] || null
    );
  }
  return {
    create: function (type, elementOptions) {
      if (type !== 'payment' && type !== 'card')
        throw SE.util.integrationError(
          "The Stripe emulator's Stripe.js supports the `payment` and `card` Elements; `" + type + '` is not emulated.',
        );
      if (find(type)) throw SE.util.integrationError('Can only create one Element of type ' + type + '.');
      var element = SE.createCardElement(type, elementOptions, group);
      live.push(element);
      return element;
    },
    // react-stripe-js passes its component, which names the type in `__elementType`.
    getElement: function (typeOrComponent) {
      var type =
        typeof typeOrComponent === 'string' ? typeOrComponent : typeOrComponent && typeOrComponent.__elementType;
      return find(type);
    },
    update: function (next) {
      // clientSecret cannot change (Stripe.js ignores it too; remount <Elements> with a new key).
      var rest = Object.assign({}, next || {});
      delete rest.clientSecret;
      Object.assign(options, rest);
      if (rest.appearance)
        live.forEach(function (e) {
          e._restyle();
        });
    },
    fetchUpdates: function () {
      return Promise.resolve({});
    },
    /** Validates the form as Stripe does before a confirmation: `{}` or `{ error }`. */
    submit: function () {
      var element = find('payment') || find('card');
      if (!element)
        return Promise.resolve({
          error: { type: 'validation_error', code: 'incomplete', message: 'No Payment Element is mounted.' },
        });
      var error = element._validate();
      submitted = !error;
      return Promise.resolve(error ? { error: error } : {});
    },
    _options: function () {
      return options;
    },
    _form: function () {
      return find('payment') || find('card');
    },
    _takeSubmitted: function () {
      var was = submitted;
      submitted = false;
      return was;
    },
  };
};

SE.Stripe = function Stripe(key, stripeOptions) {
  var U = SE.util;
  var I = SE.intents;
  if (typeof key !== 'string' || key === '')
    throw U.integrationError('Please call Stripe() with your publishable key. You used an empty string.');
  if (/^sk_/.test(key))
    throw U.integrationError(
      'You should not use your secret key with Stripe.js. Please pass a publishable key instead.',
    );
  if (!/^pk_test_/.test(key))
    throw U.integrationError(
      'The Stripe emulator only accepts test-mode publishable keys (pk_test_…); you used ' + key.slice(0, 8) + '….',
    );
  var lastAppearance;

  /** Shared by confirmSetup and confirmPayment: the Payment Element's card or a saved method. */
  async function confirmWithElements(kind, method, opts) {
    opts = opts || {};
    var params = opts.confirmParams || {};
    var elements = opts.elements;
    var secret = opts.clientSecret || (elements && elements._options().clientSecret);
    if (!secret)
      throw U.integrationError(
        'stripe.' + method + '(): the `clientSecret` argument is required when `elements` was created without one.',
      );
    var redirect = opts.redirect || 'always';
    if (redirect !== 'if_required' && !params.return_url)
      throw U.integrationError(
        'stripe.' +
          method +
          "(): the `confirmParams.return_url` argument is required unless passing `redirect: 'if_required'`.",
      );
    var ctx = I.context(key, secret, 'stripe.' + method + '()', kind, {
      redirect: redirect,
      returnUrl: params.return_url,
      appearance: elements ? elements._options().appearance : lastAppearance,
    });
    if (typeof params.payment_method === 'string') return I.confirm(ctx, { payment_method: params.payment_method });
    if (!elements)
      throw U.integrationError('stripe.' + method + '(): pass `elements` or `confirmParams.payment_method`.');
    var deferred = !elements._options().clientSecret;
    // Current Stripe.js requires elements.submit() first when Elements was created without a clientSecret.
    if (!elements._takeSubmitted() && deferred)
      throw U.integrationError(
        'elements.submit() must be called before stripe.' +
          method +
          '(). Call elements.submit() as soon as your customer presses pay, prior to any asynchronous work.',
      );
    var form = elements._form();
    if (!form) throw U.integrationError('stripe.' + method + '(): no Payment Element is mounted in `elements`.');
    var invalid = form._validate();
    if (invalid) return { error: invalid };
    var data = I.methodData(form._card(), params.payment_method_data && params.payment_method_data.billing_details);
    form._setBusy(true);
    try {
      return await I.confirm(ctx, { payment_method_data: data });
    } finally {
      form._setBusy(false);
    }
  }

  /** confirmCardSetup / confirmCardPayment: `payment_method` is an id, `{ card: element }`, or absent. */
  async function confirmCard(kind, method, secret, data, opts) {
    data = data || {};
    var ctx = I.context(key, secret, 'stripe.' + method + '()', kind, {
      returnUrl: data.return_url,
      handleActions: !(opts && opts.handleActions === false),
      appearance: lastAppearance,
    });
    var pm = data.payment_method;
    if (typeof pm === 'string') return I.confirm(ctx, { payment_method: pm });
    if (pm && pm.card && typeof pm.card._card === 'function') {
      var invalid = pm.card._validate();
      if (invalid) return { error: invalid };
      return I.confirm(ctx, { payment_method_data: I.methodData(pm.card._card(), pm.billing_details) });
    }
    return I.confirm(ctx, {});
  }

  async function createPaymentMethod(a, b, c) {
    // Current form `{ elements, params }` or `{ type: 'card', card: element, billing_details }`; legacy `('card', element, data)`.
    var opts = typeof a === 'string' ? Object.assign({ type: a, card: b }, c || {}) : a || {};
    var form = opts.elements ? opts.elements._form() : opts.card;
    if (!form || typeof form._card !== 'function')
      throw U.integrationError('stripe.createPaymentMethod(): pass `elements` or a card Element.');
    var invalid = form._validate();
    if (invalid) return { error: invalid };
    var billing = opts.params ? opts.params.billing_details : opts.billing_details;
    return I.createPaymentMethod(key, I.methodData(form._card(), billing));
  }

  return {
    elements: function (options) {
      lastAppearance = options && options.appearance;
      return SE.createElements(stripeOptions, options);
    },
    createToken: function () {
      return Promise.resolve({
        error: {
          type: 'invalid_request_error',
          message: 'Tokens are not emulated; use PaymentMethods (createPaymentMethod or confirmSetup).',
        },
      });
    },
    createPaymentMethod: createPaymentMethod,
    confirmSetup: function (opts) {
      return confirmWithElements('setup_intent', 'confirmSetup', opts);
    },
    confirmPayment: function (opts) {
      return confirmWithElements('payment_intent', 'confirmPayment', opts);
    },
    confirmCardSetup: function (secret, data, opts) {
      return confirmCard('setup_intent', 'confirmCardSetup', secret, data, opts);
    },
    confirmCardPayment: function (secret, data, opts) {
      return confirmCard('payment_intent', 'confirmCardPayment', secret, data, opts);
    },
    handleNextAction: async function (opts) {
      return I.nextAction(
        I.context(key, opts && opts.clientSecret, 'stripe.handleNextAction()', null, { appearance: lastAppearance }),
      );
    },
    handleCardAction: async function (secret) {
      return I.nextAction(
        I.context(key, secret, 'stripe.handleCardAction()', 'payment_intent', { appearance: lastAppearance }),
      );
    },
    handleCardSetup: function (secret, element, data) {
      return confirmCard(
        'setup_intent',
        'handleCardSetup',
        secret,
        Object.assign({ payment_method: { card: element } }, data || {}),
      );
    },
    retrieveSetupIntent: async function (secret) {
      return I.retrieve(I.context(key, secret, 'stripe.retrieveSetupIntent()', 'setup_intent'));
    },
    retrievePaymentIntent: async function (secret) {
      return I.retrieve(I.context(key, secret, 'stripe.retrievePaymentIntent()', 'payment_intent'));
    },
    // Called by @stripe/stripe-js and react-stripe-js to record wrapper versions; nothing to do here.
    registerAppInfo: function () {},
    _registerWrapper: function () {},
  };
};
// `loadStripe` compares this with the release train it expects and warns on a mismatch.
SE.Stripe.version = 'endive';
SE.Stripe.__emulator = true;
