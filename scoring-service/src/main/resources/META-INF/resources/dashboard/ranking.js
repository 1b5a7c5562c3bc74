// The list of all published plans (/): follows /ui/stream and keeps the table ranked as GET /api/scores ranks it:
// within a year by percent, equal percents share a rank (1, 1, 3); ties ordered by agency, then plan id.
(function () {
  "use strict";
  var table = document.getElementById("ranking");
  if (!table) { return; }
  var body = table.tBodies[0];
  var empty = document.getElementById("no-plans");
  var status = document.getElementById("live-status");
  var plans = {}; // planId -> { planId, year, percent, agency, sequence, tr }

  Array.prototype.forEach.call(body.querySelectorAll("tr[data-plan]"), function (tr) {
    var id = tr.getAttribute("data-plan");
    plans[id] = {
      planId: id, year: Number(tr.getAttribute("data-year")), percent: Number(tr.getAttribute("data-percent")),
      agency: tr.getAttribute("data-agency") || "", sequence: -1, tr: tr
    };
  });

  function cell(field, className) {
    var td = DASH.el("td", className);
    td.setAttribute("data-field", field);
    return td;
  }

  function newRow(planId) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-plan", planId);
    tr.appendChild(cell("rank", "num rank"));
    var agency = cell("agency");
    var link = DASH.el("a");
    link.href = "/ui/plans/" + encodeURIComponent(planId);
    agency.appendChild(link);
    tr.appendChild(agency);
    tr.appendChild(cell("year", "num hide-small"));
    var value = DASH.el("td", "num value");
    var headline = DASH.el("span");
    headline.setAttribute("data-field", "headline");
    var basis = DASH.el("span", "basis");
    basis.setAttribute("data-field", "basis");
    value.appendChild(headline);
    value.appendChild(document.createTextNode(" "));
    value.appendChild(basis);
    tr.appendChild(value);
    tr.appendChild(cell("target", "num hide-small"));
    tr.appendChild(cell("baseline", "num hide-small"));
    tr.appendChild(cell("percent", "num"));
    var group = cell("group");
    group.appendChild(DASH.el("span", "badge"));
    tr.appendChild(group);
    return tr;
  }

  function fill(tr, s) {
    tr.setAttribute("data-year", s.year);
    tr.setAttribute("data-percent", s.percent);
    tr.setAttribute("data-agency", s.agency || "");
    tr.querySelector("[data-field=\"agency\"] a").textContent = s.agency || "Kế hoạch chưa có tên cơ quan";
    DASH.setField(tr, "year", String(s.year));
    // The headline is the final figure once the plan's appraisal is closed, the projection before (s.basis).
    DASH.setField(tr, "headline", PAR.short(s.headline !== undefined ? s.headline : s.projected));
    var basis = tr.querySelector("[data-field=\"basis\"]");
    basis.className = "basis basis-" + (s.basis || "PROJECTED");
    basis.textContent = s.basis === "FINAL" ? "chính thức" : "dự kiến";
    DASH.setField(tr, "target", PAR.short(s.target));
    DASH.setField(tr, "baseline", PAR.short(s.baseline));
    DASH.setField(tr, "percent", PAR.short(s.percent) + "%");
    var badge = tr.querySelector("[data-field=\"group\"] .badge");
    badge.className = "badge badge-" + s.group;
    badge.textContent = s.group;
  }

  function compare(a, b) { return a < b ? -1 : (a > b ? 1 : 0); }

  function rank() {
    var list = Object.keys(plans).map(function (id) { return plans[id]; });
    list.sort(function (a, b) {
      return (b.year - a.year) || (b.percent - a.percent) || compare(a.agency, b.agency) || compare(a.planId, b.planId);
    });
    var year = null;
    var previous = null;
    var position = 0;
    var current = 0;
    list.forEach(function (p) {
      if (p.year !== year) { year = p.year; previous = null; position = 0; }
      position++;
      if (previous === null || p.percent !== previous) { current = position; }
      previous = p.percent;
      p.tr.setAttribute("data-rank", current);
      DASH.setField(p.tr, "rank", String(current));
    });
    var shown = body.querySelectorAll("tr[data-plan]");
    var inOrder = shown.length === list.length && list.every(function (p, i) { return shown[i] === p.tr; });
    if (!inOrder) {
      list.forEach(function (p) { body.appendChild(p.tr); }); // moves each row to its place
    }
  }

  function onScore(s) {
    var p = plans[s.planId];
    if (p && s.sequence <= p.sequence) { return; } // not newer than what the row shows
    if (!p) {
      p = plans[s.planId] = { planId: s.planId, sequence: -1, tr: newRow(s.planId) };
      body.appendChild(p.tr);
      if (empty) { empty.hidden = true; }
    }
    var moved = p.percent !== undefined && p.percent !== Number(s.percent);
    p.year = Number(s.year);
    p.percent = Number(s.percent);
    p.agency = s.agency || "";
    p.sequence = s.sequence;
    fill(p.tr, s);
    rank();
    if (moved) { DASH.flash(p.tr); }
  }

  PAR.live("/ui/stream", onScore, status);
  DASH.watchSession(status);
})();
