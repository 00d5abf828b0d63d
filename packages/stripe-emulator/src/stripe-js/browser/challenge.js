// The 3D Secure challenge, shown in the page as a modal dialog like Stripe.js's test-mode
// authentication page. Resolves true when approved, false when failed or dismissed (Escape).
SE.challenge = function (intent, appearance) {
  return new Promise(function (resolve) {
    var host = document.createElement('div');
    host.setAttribute('data-stripe-emulator', '3ds-challenge');
    var root = host.attachShadow({ mode: 'open' });
    var what =
      intent.object === 'payment_intent'
        ? 'Authorize a payment of ' + SE.util.escapeHtml(formatAmount(intent.amount, intent.currency)) + '.'
        : 'Authorize saving this card for future payments.';
    root.innerHTML =
      '<style>' +
      SE.style.dialogCss(appearance) +
      '</style>' +
      '<dialog aria-labelledby="se-3ds-title" aria-describedby="se-3ds-text">' +
      '<span class="se-badge">Test mode</span>' +
      '<h2 id="se-3ds-title">3D Secure authentication</h2>' +
      '<p id="se-3ds-text">' +
      what +
      " This is the Stripe emulator's stand-in for your bank's challenge: " +
      'choose whether the authentication succeeds.</p>' +
      '<div class="se-actions">' +
      '<button type="button" class="se-ok" data-result="succeed">Complete authentication</button>' +
      '<button type="button" class="se-fail" data-result="fail">Fail authentication</button>' +
      '</div></dialog>';
    var dialog = root.querySelector('dialog');
    var settled = false;
    function done(approved) {
      if (settled) return;
      settled = true;
      if (dialog.open) dialog.close();
      host.remove();
      resolve(approved);
    }
    Array.prototype.forEach.call(root.querySelectorAll('button'), function (button) {
      button.addEventListener('click', function () {
        done(button.getAttribute('data-result') === 'succeed');
      });
    });
    // Closing Stripe's challenge counts as a failed authentication.
    dialog.addEventListener('cancel', function (e) {
      e.preventDefault();
      done(false);
    });
    document.body.appendChild(host);
    dialog.showModal();
    root.querySelector('button.se-ok').focus();
  });

  function formatAmount(amount, currency) {
    try {
      var cur = String(currency || 'usd').toUpperCase();
      var digits = new Intl.NumberFormat('en', { style: 'currency', currency: cur }).resolvedOptions()
        .maximumFractionDigits;
      return new Intl.NumberFormat(undefined, { style: 'currency', currency: cur }).format(
        amount / Math.pow(10, digits),
      );
    } catch {
      return amount + ' ' + currency;
    }
  }
};
