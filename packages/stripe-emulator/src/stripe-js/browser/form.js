// The Payment Element (and the Card Element): real inputs in the page, validated the way
// Stripe's are, inside an open shadow root so the host page's CSS leaves them alone.
SE.createCardElement = function (type, initialOptions, group) {
  var C = SE.card;
  var FIELDS = ['number', 'expiry', 'cvc', 'postal'];
  var events = SE.util.emitter();
  var options = Object.assign({}, initialOptions || {});
  var st = { host: null, root: null, style: null, mounted: false, destroyed: false, ready: false, touched: {} };
  var el = {};

  function showPostal() {
    var f = options.fields && options.fields.billingDetails;
    var address = f && f.address;
    if (f === 'never' || address === 'never' || (address && address.postalCode === 'never')) return false;
    return type === 'payment' || options.hidePostalCode !== true;
  }

  function field(name, label, attrs) {
    return (
      '<div class="se-field" id="se-' +
      name +
      '-field"><label for="se-' +
      name +
      '">' +
      label +
      '</label><div class="se-wrap">' +
      '<input id="se-' +
      name +
      '" name="' +
      name +
      '" type="text" spellcheck="false" aria-invalid="false" aria-describedby="se-' +
      name +
      '-error" ' +
      attrs +
      '>' +
      (name === 'number' ? '<span class="se-brand" id="se-brand"></span>' : '') +
      '</div><p class="se-error" id="se-' +
      name +
      '-error" aria-live="polite"></p></div>'
    );
  }

  function build() {
    st.host = document.createElement('div');
    st.host.className = '__PrivateStripeElement';
    st.host.setAttribute('data-stripe-emulator', type);
    st.root = st.host.attachShadow({ mode: 'open' });
    st.style = document.createElement('style');
    st.style.textContent = SE.style.formCss(group.appearance());
    var form = document.createElement('div');
    form.className = 'se-form';
    form.setAttribute('role', 'group');
    form.setAttribute('aria-label', 'Card details');
    form.innerHTML =
      (type === 'payment' ? '<span class="se-tab" aria-hidden="true">Card</span>' : '') +
      field('number', 'Card number', 'inputmode="numeric" autocomplete="cc-number" placeholder="1234 1234 1234 1234"') +
      '<div class="se-row">' +
      field('expiry', 'Expiration date', 'inputmode="numeric" autocomplete="cc-exp" placeholder="MM / YY"') +
      field('cvc', 'Security code', 'inputmode="numeric" autocomplete="cc-csc" placeholder="CVC" maxlength="3"') +
      '</div>' +
      field('postal', 'Postal code', 'autocomplete="postal-code" placeholder="12345" maxlength="10"');
    st.root.appendChild(st.style);
    st.root.appendChild(form);
    FIELDS.forEach(function (name) {
      el[name] = st.root.getElementById('se-' + name);
      el[name + 'Error'] = st.root.getElementById('se-' + name + '-error');
      el[name].addEventListener('input', function (e) {
        onInput(name, e);
      });
      el[name].addEventListener('blur', function () {
        if (el[name].value) st.touched[name] = true;
        paint(false);
        emitChange();
      });
    });
    el.brand = st.root.getElementById('se-brand');
    st.root.addEventListener('focusin', function (e) {
      if (!st.root.contains(e.relatedTarget)) events.emit('focus', { elementType: type });
    });
    st.root.addEventListener('focusout', function (e) {
      if (!st.root.contains(e.relatedTarget)) events.emit('blur', { elementType: type });
    });
    st.root.addEventListener('keydown', function (e) {
      if (e.key === 'Escape') events.emit('escape', { elementType: type });
    });
    applyOptions();
  }

  function applyOptions() {
    el.postal.closest('.se-field').hidden = !showPostal();
    FIELDS.forEach(function (name) {
      el[name].readOnly = options.readOnly === true || !!st.busy;
    });
  }

  function onInput(name, e) {
    var input = el[name];
    if (name === 'number') {
      // Reformatting moves the caret to the end; put it back after the same digit when editing mid-number.
      var caretDigits = C.digitsOf(input.value.slice(0, input.selectionStart || 0)).length;
      var digits = C.digitsOf(input.value);
      digits = digits.slice(0, C.maxLength(digits));
      input.value = C.formatNumber(digits);
      if (caretDigits < digits.length) {
        var pos = C.formatNumber(digits.slice(0, caretDigits)).length;
        input.setSelectionRange(pos, pos);
      }
      var brand = C.brandOf(digits);
      el.brand.textContent = digits ? brand.label : '';
      el.cvc.maxLength = brand.cvc;
      if (C.checkNumber(digits).state === 'complete' && caretDigits >= digits.length) el.expiry.focus();
    } else if (name === 'expiry') {
      input.value = C.formatExpiry(input.value, /^delete/.test(e.inputType || ''));
      if (C.checkExpiry(input.value, new Date()).state === 'complete') el.cvc.focus();
    } else if (name === 'cvc') {
      input.value = C.digitsOf(input.value).slice(0, C.brandOf(C.digitsOf(el.number.value)).cvc);
    } else {
      input.value = input.value.toUpperCase().replace(/[^A-Z0-9 -]/g, '');
    }
    paint(false);
    emitChange();
  }

  function checks() {
    var digits = C.digitsOf(el.number.value);
    return {
      number: C.checkNumber(digits),
      expiry: C.checkExpiry(el.expiry.value, new Date()),
      cvc: C.checkCvc(el.cvc.value, digits),
      postal: showPostal() ? C.checkPostal(el.postal.value) : { state: 'empty' },
    };
  }

  // Invalid values show at once; incomplete ones once the field is left, and empty required
  // ones only when the form is submitted. The postal code is optional.
  function visibleError(name, check, submitting) {
    if (check.state === 'invalid') return check;
    if (check.state === 'incomplete' && (st.touched[name] || submitting)) return check;
    if (check.state === 'empty' && submitting && name !== 'postal') return check;
    return null;
  }

  /** Shows the inline errors; returns the first one as Stripe reports it, or null. */
  function paint(submitting) {
    var c = checks();
    var first = null;
    FIELDS.forEach(function (name) {
      var err = visibleError(name, c[name], submitting);
      el[name].setAttribute('aria-invalid', err ? 'true' : 'false');
      el[name + 'Error'].textContent = err ? err.message : '';
      if (err && !first) first = { name: name, type: 'validation_error', code: err.code, message: err.message };
    });
    return first;
  }

  function emitChange() {
    var c = checks();
    var shown = paint(false);
    var payload = {
      elementType: type,
      empty: FIELDS.every(function (n) {
        return !el[n].value;
      }),
      complete:
        c.number.state === 'complete' &&
        c.expiry.state === 'complete' &&
        c.cvc.state === 'complete' &&
        ['invalid', 'incomplete'].indexOf(c.postal.state) === -1,
      collapsed: false,
      value: type === 'payment' ? { type: 'card' } : { postalCode: el.postal.value },
    };
    if (type === 'card') payload.brand = C.brandOf(C.digitsOf(el.number.value)).brand;
    if (shown) payload.error = { type: shown.type, code: shown.code, message: shown.message };
    events.emit('change', payload);
  }

  function whenReady(fn) {
    setTimeout(function () {
      if (!st.destroyed) fn({ elementType: type });
    }, 0);
  }

  var element = {
    mount: function (target) {
      if (st.destroyed)
        throw SE.util.integrationError('This Element has already been destroyed. Please create a new one.');
      var node = typeof target === 'string' ? document.querySelector(target) : target;
      if (!node || typeof node.appendChild !== 'function')
        throw SE.util.integrationError(
          'The selector you specified (' + target + ') applies to no DOM elements that are currently on the page.',
        );
      if (st.mounted)
        throw SE.util.integrationError(
          'This Element is already mounted. Use `unmount` to unmount the Element before re-mounting.',
        );
      if (!st.host) build();
      node.appendChild(st.host);
      st.mounted = true;
      // Stripe's iframe loads asynchronously; 'ready' likewise fires after mount returns.
      if (!st.ready)
        whenReady(function (payload) {
          st.ready = true;
          events.emit('ready', payload);
        });
    },
    unmount: function () {
      if (st.host && st.host.parentNode) st.host.parentNode.removeChild(st.host);
      st.mounted = false;
    },
    destroy: function () {
      element.unmount();
      st.destroyed = true;
      group.forget(element);
    },
    on: function (event, fn) {
      events.on(event, fn);
      // React attaches listeners after mounting; do not let a late 'ready' listener miss the event.
      if (event === 'ready' && st.ready) whenReady(fn);
      return element;
    },
    off: function (event, fn) {
      events.off(event, fn);
      return element;
    },
    once: function (event, fn) {
      var wrapped = function (payload) {
        events.off(event, wrapped);
        fn(payload);
      };
      return element.on(event, wrapped);
    },
    update: function (next) {
      Object.assign(options, next || {});
      if (st.host) applyOptions();
    },
    focus: function () {
      if (el.number) el.number.focus();
    },
    blur: function () {
      if (st.root && st.root.activeElement) st.root.activeElement.blur();
    },
    clear: function () {
      if (!st.host) return;
      FIELDS.forEach(function (name) {
        el[name].value = '';
      });
      st.touched = {};
      el.brand.textContent = '';
      emitChange();
    },
    collapse: function () {},
    // Internal to the stand-in: read by elements.submit() and the confirm methods.
    _type: type,
    _restyle: function () {
      if (st.style) st.style.textContent = SE.style.formCss(group.appearance());
    },
    _validate: function () {
      if (!st.host)
        return { type: 'validation_error', code: 'incomplete_number', message: 'Your card number is incomplete.' };
      FIELDS.forEach(function (name) {
        if (el[name].value) st.touched[name] = true;
      });
      var err = paint(true);
      if (!err) return null;
      el[err.name].focus();
      return { type: err.type, code: err.code, message: err.message };
    },
    _setBusy: function (busy) {
      st.busy = busy;
      if (st.host) applyOptions();
    },
    _card: function () {
      var e = C.parseExpiry(el.expiry.value);
      var postal = showPostal() ? el.postal.value.trim() : '';
      return {
        number: C.digitsOf(el.number.value),
        exp_month: e.month,
        exp_year: e.year,
        cvc: el.cvc.value,
        postal_code: postal,
      };
    },
  };
  return element;
};
