// Card number, expiry and CVC rules, with the codes and messages Stripe's own inputs use.
SE.card = (function () {
  // Order matters: the first prefix that matches names the brand.
  var BRANDS = [
    { brand: 'amex', label: 'American Express', re: /^3[47]/, lengths: [15], cvc: 4, gaps: [4, 10] },
    { brand: 'diners', label: 'Diners Club', re: /^3(?:0[0-5]|[689])/, lengths: [14, 16], cvc: 3, gaps: [4, 10] },
    { brand: 'discover', label: 'Discover', re: /^6(?:011|4[4-9]|5)/, lengths: [16], cvc: 3, gaps: [4, 8, 12] },
    { brand: 'jcb', label: 'JCB', re: /^35/, lengths: [16], cvc: 3, gaps: [4, 8, 12] },
    { brand: 'unionpay', label: 'UnionPay', re: /^62/, lengths: [16, 17, 18, 19], cvc: 3, gaps: [4, 8, 12] },
    {
      brand: 'mastercard',
      label: 'Mastercard',
      re: /^(?:5[1-5]|2(?:2[2-9]|[3-6]\d|7[01]|720))/,
      lengths: [16],
      cvc: 3,
      gaps: [4, 8, 12],
    },
    { brand: 'visa', label: 'Visa', re: /^4/, lengths: [16], cvc: 3, gaps: [4, 8, 12] },
  ];
  var UNKNOWN = { brand: 'unknown', label: '', re: /^/, lengths: [16], cvc: 3, gaps: [4, 8, 12] };

  function digitsOf(text) {
    return String(text || '').replace(/\D/g, '');
  }

  function brandOf(digits) {
    for (var i = 0; i < BRANDS.length; i++) if (BRANDS[i].re.test(digits)) return BRANDS[i];
    return UNKNOWN;
  }

  function luhnValid(digits) {
    var sum = 0;
    for (var i = 0; i < digits.length; i++) {
      var d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    return digits.length > 0 && sum % 10 === 0;
  }

  function maxLength(digits) {
    var lengths = brandOf(digits).lengths;
    return lengths[lengths.length - 1];
  }

  /** Groups digits the way the brand prints them: 4-4-4-4, or 4-6-5 for Amex. */
  function formatNumber(digits) {
    var gaps = brandOf(digits).gaps;
    var out = '';
    for (var i = 0; i < digits.length; i++) {
      if (gaps.indexOf(i) !== -1) out += ' ';
      out += digits[i];
    }
    return out;
  }

  function result(state, code, message) {
    return { state: state, code: code || null, message: message || null };
  }

  function checkNumber(text) {
    var digits = digitsOf(text);
    if (!digits) return result('empty', 'incomplete_number', 'Your card number is incomplete.');
    var info = brandOf(digits);
    if (info.lengths.indexOf(digits.length) === -1) {
      if (digits.length < maxLength(digits))
        return result('incomplete', 'incomplete_number', 'Your card number is incomplete.');
      return result('invalid', 'invalid_number', 'Your card number is invalid.');
    }
    if (!luhnValid(digits)) return result('invalid', 'invalid_number', 'Your card number is invalid.');
    return result('complete');
  }

  /** "1234" → "12 / 34"; a single leading digit above 1 is a month ("4" → "04 / "). */
  function formatExpiry(text, deleting) {
    var d = digitsOf(text).slice(0, 4);
    if (d.length === 1 && Number(d) > 1) d = '0' + d;
    if (d.length < 2) return d;
    if (d.length === 2) return deleting ? d : d + ' / ';
    return d.slice(0, 2) + ' / ' + d.slice(2);
  }

  function parseExpiry(text) {
    var d = digitsOf(text);
    return { month: Number(d.slice(0, 2)), year: 2000 + Number(d.slice(2, 4)), complete: d.length === 4 };
  }

  function checkExpiry(text, now) {
    var d = digitsOf(text);
    if (!d) return result('empty', 'incomplete_expiry', "Your card's expiration date is incomplete.");
    var e = parseExpiry(text);
    if (d.length >= 2 && (e.month < 1 || e.month > 12))
      return result('invalid', 'invalid_expiry_month', "Your card's expiration date is invalid.");
    if (!e.complete) return result('incomplete', 'incomplete_expiry', "Your card's expiration date is incomplete.");
    var year = now.getFullYear();
    if (e.year < year)
      return result('invalid', 'invalid_expiry_year_past', "Your card's expiration year is in the past.");
    if (e.year === year && e.month < now.getMonth() + 1)
      return result('invalid', 'invalid_expiry_month_past', "Your card's expiration date is in the past.");
    if (e.year > year + 50) return result('invalid', 'invalid_expiry_year', "Your card's expiration year is invalid.");
    return result('complete');
  }

  function checkCvc(text, numberDigits) {
    var d = digitsOf(text);
    if (!d) return result('empty', 'incomplete_cvc', "Your card's security code is incomplete.");
    if (d.length < brandOf(numberDigits).cvc)
      return result('incomplete', 'incomplete_cvc', "Your card's security code is incomplete.");
    return result('complete');
  }

  function checkPostal(text) {
    var v = String(text || '').trim();
    if (!v) return result('empty');
    if (v.length < 3) return result('incomplete', 'incomplete_zip', 'Your postal code is incomplete.');
    return result('complete');
  }

  return {
    digitsOf: digitsOf,
    brandOf: brandOf,
    luhnValid: luhnValid,
    maxLength: maxLength,
    formatNumber: formatNumber,
    checkNumber: checkNumber,
    formatExpiry: formatExpiry,
    parseExpiry: parseExpiry,
    checkExpiry: checkExpiry,
    checkCvc: checkCvc,
    checkPostal: checkPostal,
  };
})();
