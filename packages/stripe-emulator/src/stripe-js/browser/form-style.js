// Styles of the card form and the 3DS dialog, driven by the `appearance` passed to
// `stripe.elements()`. Both render in shadow roots, so the host page's CSS cannot break them.
SE.style = (function () {
  var THEMES = {
    stripe: {
      colorPrimary: '#0570de',
      colorBackground: '#ffffff',
      colorText: '#30313d',
      colorDanger: '#df1b41',
      colorTextSecondary: '#6d6e78',
      colorBorder: '#e6e6e6',
    },
    night: {
      colorPrimary: '#0085ff',
      colorBackground: '#30313d',
      colorText: '#ffffff',
      colorDanger: '#fe87a1',
      colorTextSecondary: '#a9a9b1',
      colorBorder: '#424353',
    },
    flat: {
      colorPrimary: '#0570de',
      colorBackground: '#ffffff',
      colorText: '#30313d',
      colorDanger: '#df1b41',
      colorTextSecondary: '#6d6e78',
      colorBorder: '#f1f1f1',
    },
  };
  var BASE = {
    fontFamily: '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Ubuntu, sans-serif',
    fontSizeBase: '16px',
    borderRadius: '5px',
    spacingUnit: '4px',
  };

  /** Stripe's variables (colorPrimary, borderRadius, fontFamily…) resolved over the theme's defaults. */
  function variables(appearance) {
    var a = appearance || {};
    var theme = THEMES[a.theme] || THEMES.stripe;
    return Object.assign({}, BASE, theme, a.variables || {});
  }

  // Only characters that are valid in these CSS values pass, so a variable cannot end the rule.
  function safe(value) {
    return String(value).replace(/[;{}<>\\]/g, '');
  }

  function hostVariables(appearance) {
    var v = variables(appearance);
    return (
      ':host{' +
      '--se-primary:' +
      safe(v.colorPrimary) +
      ';--se-bg:' +
      safe(v.colorBackground) +
      ';--se-text:' +
      safe(v.colorText) +
      ';--se-danger:' +
      safe(v.colorDanger) +
      ';--se-muted:' +
      safe(v.colorTextSecondary) +
      ';--se-border:' +
      safe(v.colorBorder) +
      ';--se-font:' +
      safe(v.fontFamily) +
      ';--se-size:' +
      safe(v.fontSizeBase) +
      ';--se-radius:' +
      safe(v.borderRadius) +
      ';--se-space:' +
      safe(v.spacingUnit) +
      '}'
    );
  }

  function formCss(appearance) {
    return (
      hostVariables(appearance) +
      [
        ':host{display:block;font-family:var(--se-font);font-size:var(--se-size);color:var(--se-text)}',
        '.se-form{display:grid;gap:calc(var(--se-space) * 3)}',
        '.se-row{display:grid;grid-template-columns:1fr 1fr;gap:calc(var(--se-space) * 3)}',
        '.se-tab{display:inline-flex;align-items:center;gap:8px;padding:6px 12px;border:1px solid var(--se-primary);border-radius:var(--se-radius);color:var(--se-primary);font-size:.875em;font-weight:600;justify-self:start}',
        'label{display:block;margin-bottom:calc(var(--se-space) * 1);font-size:.875em;color:var(--se-muted)}',
        '.se-wrap{position:relative}',
        'input{box-sizing:border-box;width:100%;padding:calc(var(--se-space) * 3);font:inherit;color:var(--se-text);background:var(--se-bg);',
        'border:1px solid var(--se-border);border-radius:var(--se-radius);outline:none;box-shadow:0 1px 1px rgba(0,0,0,.03),0 3px 6px rgba(0,0,0,.02);transition:border-color .15s,box-shadow .15s}',
        'input::placeholder{color:var(--se-muted);opacity:.7}',
        'input:focus{border-color:var(--se-primary);box-shadow:0 0 0 3px color-mix(in srgb, var(--se-primary) 25%, transparent)}',
        'input[aria-invalid="true"]{border-color:var(--se-danger);color:var(--se-danger)}',
        'input[aria-invalid="true"]:focus{box-shadow:0 0 0 3px color-mix(in srgb, var(--se-danger) 25%, transparent)}',
        'input:disabled{opacity:.6}',
        '.se-brand{position:absolute;right:10px;top:50%;transform:translateY(-50%);font-size:.75em;font-weight:700;letter-spacing:.02em;color:var(--se-muted);pointer-events:none}',
        '.se-error{margin:calc(var(--se-space) * 1) 0 0;font-size:.875em;color:var(--se-danger);min-height:0}',
        '.se-error:empty{display:none}',
        '.se-note{margin:0;font-size:.75em;color:var(--se-muted)}',
      ].join('\n')
    );
  }

  function dialogCss(appearance) {
    return (
      hostVariables(appearance) +
      [
        'dialog{font-family:var(--se-font);color:#30313d;background:#fff;border:0;border-radius:12px;padding:28px;max-width:420px;width:calc(100% - 48px);box-shadow:0 20px 60px rgba(0,0,0,.35)}',
        'dialog::backdrop{background:rgba(20,20,30,.55)}',
        'h2{margin:0 0 8px;font-size:1.2em}',
        'p{margin:0 0 12px;line-height:1.45}',
        '.se-badge{display:inline-block;margin-bottom:12px;padding:2px 8px;border-radius:4px;background:#ffde92;color:#4a3400;font-size:.75em;font-weight:700;text-transform:uppercase}',
        '.se-actions{display:flex;gap:12px;flex-wrap:wrap;margin-top:20px}',
        'button{font:inherit;font-weight:600;padding:10px 16px;border-radius:6px;border:1px solid transparent;cursor:pointer}',
        'button.se-ok{background:#1a7f37;color:#fff}',
        'button.se-fail{background:#fff;color:#b42318;border-color:#b42318}',
        'button:focus-visible{outline:3px solid var(--se-primary);outline-offset:2px}',
      ].join('\n')
    );
  }

  return { variables: variables, formCss: formCss, dialogCss: dialogCss };
})();
