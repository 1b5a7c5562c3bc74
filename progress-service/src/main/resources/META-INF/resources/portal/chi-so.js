// The indicator form of a task page (form#chi-so): shows the points the fact being typed will give, in
// #chi-so-diem ("Điểm dự kiến: 3,54"), before it is sent. It evaluates the leaf's rule from the form's data-rule
// (the plan's canonical rule JSON) and data-max (the leaf's maximum) as docs/contracts/scoring-rules.md states it,
// with exact decimals (BigInt and a scale), never floating point; the server evaluates again and is the authority.
// A file of its own, not an inline script, so that the pages can forbid inline scripts.
(function () {
  'use strict';

  var form = document.getElementById('chi-so');
  var output = document.getElementById('chi-so-diem');
  if (!form || !output || !form.dataset.rule) {
    return;
  }
  var rule = JSON.parse(form.dataset.rule);
  var max = decimal(form.dataset.max);
  var TEN = BigInt(10);
  var ZERO = { m: BigInt(0), s: 0 };

  // A decimal typed with a comma or a point ("82,35"), at most 4 decimals, never negative; null otherwise. Numbers
  // of the rule JSON come through String(n): they have at most 4 decimals and are far below 1e21, for which
  // JavaScript writes back exactly the decimal digits it read.
  function decimal(text) {
    if (text === undefined || text === null) {
      return null;
    }
    var match = /^(\d{1,13})(?:[.,](\d{1,4}))?$/.exec(String(text).trim());
    if (!match) {
      return null;
    }
    var fraction = match[2] || '';
    return { m: BigInt(match[1] + fraction), s: fraction.length };
  }

  function whole(text) {
    var match = /^\d{1,13}$/.exec(String(text).trim());
    return match ? { m: BigInt(match[0]), s: 0 } : null;
  }

  function pow10(n) {
    var p = BigInt(1);
    for (var i = 0; i < n; i++) {
      p *= TEN;
    }
    return p;
  }

  function at(a, s) {
    return a.m * pow10(s - a.s);
  }

  function subtract(a, b) {
    var s = Math.max(a.s, b.s);
    return { m: at(a, s) - at(b, s), s: s };
  }

  function multiply(a, b) {
    return { m: a.m * b.m, s: a.s + b.s };
  }

  function compare(a, b) {
    var s = Math.max(a.s, b.s);
    var x = at(a, s);
    var y = at(b, s);
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function min(a, b) {
    return compare(a, b) <= 0 ? a : b;
  }

  // The exact quotient a / b as a fraction, so that it is rounded once, at the end.
  function divide(a, b) {
    return { n: a.m * pow10(b.s), d: b.m * pow10(a.s) };
  }

  function fraction(a) {
    return a.n !== undefined ? a : { n: a.m, d: pow10(a.s) };
  }

  // Half up to 2 decimals, decimal comma, no trailing zeros: "3,54", "4", "0,5" (the pages' format).
  function format(value) {
    var f = fraction(value);
    var hundredths = (f.n * BigInt(200) + f.d) / (BigInt(2) * f.d);
    var text = String(hundredths / BigInt(100));
    var cents = String(hundredths % BigInt(100)).padStart(2, '0').replace(/0+$/, '');
    return cents ? text + ',' + cents : text;
  }

  function number(n) {
    return n === undefined || n === null ? null : decimal(String(n));
  }

  function field(name) {
    var input = form.elements.namedItem(name);
    return input ? input.value : '';
  }

  function chosen() {
    var checked = form.querySelector('input[name="option"]:checked');
    return checked ? checked.value : null;
  }

  function contains(bracket, value) {
    var low = number(bracket.min);
    var high = number(bracket.max);
    var minInclusive = bracket.minInclusive !== false;
    var maxInclusive = bracket.maxInclusive === true;
    var above = low === null || (minInclusive ? compare(value, low) >= 0 : compare(value, low) > 0);
    var below = high === null || (maxInclusive ? compare(value, high) <= 0 : compare(value, high) < 0);
    return above && below;
  }

  // The points before clamping to [0, max], or null while the fact is incomplete or not acceptable.
  function score() {
    switch (rule.type) {
      case 'TIERS': {
        var key = chosen();
        var option = (rule.options || []).filter(function (o) { return o.key === key; })[0];
        return option ? number(option.points) : null;
      }
      case 'BRACKETS': {
        var value = decimal(field('value'));
        if (value === null) {
          return null;
        }
        var bracket = (rule.brackets || []).filter(function (b) { return contains(b, value); })[0];
        return bracket ? number(bracket.points) : ZERO;
      }
      case 'RATIO': {
        var numerator = decimal(field('numerator'));
        var denominator = decimal(field('denominator'));
        if (numerator === null || denominator === null || compare(numerator, denominator) > 0) {
          return null;
        }
        if (denominator.m === BigInt(0)) {
          var noCases = rule.whenNoCases === undefined || rule.whenNoCases === null ? 'FULL' : rule.whenNoCases;
          return noCases === 'FULL' ? max : noCases === 'ZERO' ? ZERO : number(noCases);
        }
        var fullAt = rule.fullAt === undefined || rule.fullAt === null ? decimal('100') : number(rule.fullAt);
        // max × numerator × 100 / (denominator × fullAt), at most max: the one division, exact.
        var top = multiply(multiply(max, numerator), decimal('100'));
        var bottom = multiply(denominator, fullAt);
        return compare(top, multiply(max, bottom)) >= 0 ? max : divide(top, bottom);
      }
      case 'COUNT': {
        var count = whole(field('count'));
        return count === null ? null : min(multiply(count, number(rule.perUnit)), max);
      }
      case 'DEDUCTION': {
        var violations = whole(field('violations'));
        if (violations === null) {
          return null;
        }
        var left = subtract(max, multiply(violations, number(rule.perViolation)));
        return left.m < BigInt(0) ? ZERO : left;
      }
      case 'SURVEY': {
        var percent = decimal(field('percent'));
        if (percent === null || compare(percent, decimal('100')) > 0) {
          return null;
        }
        var share = multiply(max, percent);
        return { m: share.m, s: share.s + 2 };
      }
      case 'MANUAL': {
        var points = decimal(field('points'));
        return points === null || compare(points, max) > 0 ? null : points;
      }
      default:
        return null;
    }
  }

  function clamped(points) {
    if (points.n !== undefined) {
      return points; // a ratio below max, never negative
    }
    if (points.m < BigInt(0)) {
      return ZERO;
    }
    return min(points, max);
  }

  function update() {
    var points = max === null ? null : score();
    output.textContent = 'Điểm dự kiến: ' + (points === null ? '—' : format(clamped(points)));
  }

  form.addEventListener('input', update);
  form.addEventListener('change', update);
  update();
}());
