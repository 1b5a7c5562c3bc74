// What both dashboard pages need besides /par-ui/par.js: times in Vietnam's zone, the score group, building DOM
// from stream data (text only: names and titles come from imported files), and a wall screen that signs in again.
"use strict";
var DASH = (function () {
  var ZONE = "Asia/Ho_Chi_Minh";
  var partsFormat = new Intl.DateTimeFormat("en-GB", {
    timeZone: ZONE, day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit",
    hourCycle: "h23"
  });

  function parts(ms) {
    var out = {};
    partsFormat.formatToParts(new Date(ms)).forEach(function (p) { out[p.type] = p.value; });
    return out;
  }
  /** dd/MM/yyyy HH:mm in Vietnam, as the server writes times. */
  function time(iso) {
    if (!iso) { return "—"; }
    var p = parts(Date.parse(iso));
    return p.day + "/" + p.month + "/" + p.year + " " + p.hour + ":" + p.minute;
  }
  function dayMonth(ms) { var p = parts(ms); return p.day + "/" + p.month; }
  function fullDate(ms) { var p = parts(ms); return p.day + "/" + p.month + "/" + p.year; }

  /** The national groups, as the service computes them from the published percent. */
  function group(percent) { return percent >= 90 ? "A" : (percent >= 80 ? "B" : "C"); }

  /** An element with a class and a text; never markup from data. */
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  /** The elements of a scope carrying data-* = value, by value (no selectors built from data). */
  function index(scope, attribute) {
    var map = {};
    Array.prototype.forEach.call(scope.querySelectorAll("[" + attribute + "]"), function (e) {
      map[e.getAttribute(attribute)] = e;
    });
    return map;
  }

  function setField(scope, name, text) {
    Array.prototype.forEach.call(scope.querySelectorAll("[data-field=\"" + name + "\"]"), function (e) {
      if (e.textContent !== text) { e.textContent = text; }
    });
  }

  function flash(e) {
    if (!e) { return; }
    e.classList.remove("changed");
    void e.offsetWidth; // restarts the animation
    e.classList.add("changed");
  }

  /**
   * A page left open for days outlives its sign-in; its stream then fails for good and PAR.live keeps retrying.
   * While the stream is lost, ask every minute whether the page itself would be sent to Keycloak; if so, reload
   * it, which signs in again (silently while the Keycloak session lasts).
   */
  function watchSession(statusEl) {
    setInterval(function () {
      if (!statusEl || !statusEl.classList.contains("live-lost")) { return; }
      fetch(window.location.href, { credentials: "same-origin", redirect: "manual", cache: "no-store" })
        .then(function (r) {
          if (r.type === "opaqueredirect" || r.status === 401) { window.location.reload(); }
        })
        .catch(function () { /* the server is down: PAR.live keeps trying */ });
    }, 60000);
  }

  return { time: time, dayMonth: dayMonth, fullDate: fullDate, group: group, el: el, index: index,
    setField: setField, flash: flash, watchSession: watchSession };
})();
