// Shared helpers of the stand-in: talking to the emulator, Stripe-shaped errors, tiny emitters.
// Concatenated with the other fragments inside one function scope that defines `SE` (see script.ts).
SE.util = (function () {
  // The endpoints live next to the script: strip `/v3/stripe.js` (or `/js/stripe.js`) from its URL,
  // so a proxy that mounts the emulator under a path prefix still works.
  function apiBase() {
    var m = /^(https?:\/\/.*?)\/(?:v3|js)(?:\/stripe\.js)?\/?(?:[?#].*)?$/.exec(SE.scriptSrc || '');
    return m ? m[1] : SE.fallbackBase;
  }

  /** Stripe's wire format: `card[number]=…&billing_details[address][postal_code]=…`. */
  function encodeForm(data) {
    var pairs = [];
    function walk(key, value) {
      if (value === undefined) return;
      if (value === null || typeof value !== 'object') {
        pairs.push(encodeURIComponent(key) + '=' + encodeURIComponent(value === null ? '' : String(value)));
      } else if (Array.isArray(value)) {
        value.forEach(function (item, i) {
          walk(key + '[' + i + ']', item);
        });
      } else {
        Object.keys(value).forEach(function (k) {
          walk(key + '[' + k + ']', value[k]);
        });
      }
    }
    Object.keys(data).forEach(function (k) {
      walk(k, data[k]);
    });
    return pairs.join('&');
  }

  /**
   * Calls a stand-in endpoint and resolves to `{ ok, body }`, never rejecting: network failures
   * become an `api_connection_error` the way Stripe.js reports them. `_envelope=1` asks the
   * emulator to answer 200 with the real status inside, so an expected decline does not put a
   * "Failed to load resource" error in the page's console.
   */
  function request(method, path, params) {
    var url = apiBase() + '/_stripejs/' + path + '?_envelope=1';
    var init = { method: method, headers: {} };
    if (method === 'GET') url += '&' + encodeForm(params);
    else {
      init.headers['content-type'] = 'application/x-www-form-urlencoded';
      init.body = encodeForm(params);
    }
    return window.fetch(url, init).then(
      function (res) {
        return res.json().then(function (env) {
          return { ok: env.status >= 200 && env.status < 300, body: env.body };
        });
      },
      function () {
        return {
          ok: false,
          body: {
            error: {
              type: 'api_connection_error',
              message: 'Could not connect to the Stripe emulator at ' + apiBase() + '.',
            },
          },
        };
      },
    );
  }

  function integrationError(message) {
    var err = new Error(message);
    err.name = 'IntegrationError';
    return err;
  }

  /** `seti_…_secret_…` or `pi_…_secret_…`; anything else is an integration mistake, as in Stripe.js. */
  function parseClientSecret(secret, method) {
    var m = /^((seti|pi)_[A-Za-z0-9_]+?)_secret_[A-Za-z0-9]+$/.exec(typeof secret === 'string' ? secret : '');
    if (!m)
      throw integrationError(
        'Invalid value for ' +
          method +
          ': clientSecret should be a client secret of the form ${id}_secret_${secret}. You specified: ' +
          secret +
          '.',
      );
    return { id: m[1], kind: m[2] === 'seti' ? 'setup_intent' : 'payment_intent', secret: secret };
  }

  function emitter() {
    var handlers = {};
    return {
      on: function (event, fn) {
        (handlers[event] = handlers[event] || []).push(fn);
      },
      off: function (event, fn) {
        if (!handlers[event]) return;
        handlers[event] = fn
          ? handlers[event].filter(function (h) {
              return h !== fn;
            })
          : [];
      },
      emit: function (event, payload) {
        (handlers[event] || []).slice().forEach(function (fn) {
          fn(payload);
        });
      },
    };
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  return {
    apiBase: apiBase,
    encodeForm: encodeForm,
    request: request,
    integrationError: integrationError,
    parseClientSecret: parseClientSecret,
    emitter: emitter,
    escapeHtml: escapeHtml,
  };
})();
