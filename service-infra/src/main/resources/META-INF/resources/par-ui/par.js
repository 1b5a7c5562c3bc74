// Shared helpers of the three services' pages: Vietnamese number and date formats, and live streams that
// reconnect by themselves and say when they are disconnected. Plain JavaScript, no framework, no CDN.
"use strict";
var PAR = (function () {
  var numberFormat = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  var shortFormat = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 2 });

  function num(value) { return value === null || value === undefined ? "—" : numberFormat.format(Number(value)); }
  function short(value) { return value === null || value === undefined ? "—" : shortFormat.format(Number(value)); }
  function date(iso) {
    if (!iso) { return "—"; }
    var d = new Date(iso);
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return pad(d.getDate()) + "/" + pad(d.getMonth() + 1) + "/" + d.getFullYear();
  }
  function text(el, value) { if (el) { el.textContent = value; } }

  /**
   * Follows a Server-Sent Events stream of "score" events. The browser reconnects by itself (sending
   * Last-Event-ID); when the stream is closed for good (e.g. the session expired) we start a new one after a
   * pause. statusEl shows "Trực tiếp" or that the connection is lost.
   */
  function live(url, onScore, statusEl) {
    var source;
    var retry = 1000;
    function status(ok, message) {
      if (!statusEl) { return; }
      statusEl.className = "live " + (ok ? "live-ok" : "live-lost");
      statusEl.textContent = message;
    }
    function open() {
      source = new EventSource(url, { withCredentials: true });
      source.addEventListener("open", function () { retry = 1000; status(true, "Trực tiếp"); });
      source.addEventListener("score", function (e) { onScore(JSON.parse(e.data)); });
      source.addEventListener("error", function () {
        status(false, "Mất kết nối — đang kết nối lại…");
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(open, retry);
          retry = Math.min(retry * 2, 30000);
        }
      });
    }
    open();
    return { close: function () { source.close(); } };
  }

  return { num: num, short: short, date: date, text: text, live: live };
})();
