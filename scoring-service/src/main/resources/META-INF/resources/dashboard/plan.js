// One plan's page (/ui/plans/{id}): follows /ui/plans/{id}/stream (the plan's whole score now, then after every
// change) and updates in place the total, each area's bar and numbers, the at-risk list, the criteria table and
// the timeline (drawn here from /ui/plans/{id}/history.json, a point added per change); the what-if panel asks
// /ui/plans/{id}/what-if for the score as it would be with the facts typed in.
(function () {
  "use strict";
  var root = document.getElementById("plan");
  if (!root) { return; }
  var SVG = "http://www.w3.org/2000/svg";
  var VIETNAM_OFFSET = 7 * 3600 * 1000; // Asia/Ho_Chi_Minh, no daylight saving time
  var REASONS = { BLOCKED: "Vướng mắc", OVERDUE: "Quá hạn" };
  var STATUSES = { NOT_STARTED: "Chưa bắt đầu", IN_PROGRESS: "Đang thực hiện", DONE: "Hoàn thành", BLOCKED: "Vướng mắc" };
  var NO_AGENCY = "Kế hoạch chưa có tên cơ quan";
  var ROUNDS = { SELF_ASSESSMENT: "Tự đánh giá, chấm điểm", APPRAISAL: "Thẩm định", EXPLANATION: "Giải trình",
    FINAL_APPRAISAL: "Thẩm định lại", CLOSED: "Đã có kết quả chính thức" };
  var RULE_TYPES = { TIERS: "Theo mức", BRACKETS: "Theo khoảng giá trị", RATIO: "Theo tỷ lệ", COUNT: "Theo số lượng",
    DEDUCTION: "Trừ điểm theo vi phạm", SURVEY: "Điều tra xã hội học", MANUAL: "Tự chấm điểm" };
  var current = null; // the latest score from the stream

  var planId = root.getAttribute("data-plan-id");
  var base = "/ui/plans/" + encodeURIComponent(planId);
  var version = Number(root.getAttribute("data-version"));
  var sequence = Number(root.getAttribute("data-sequence"));
  var year = Number(root.getAttribute("data-year"));
  var plan = {
    baseline: Number(root.getAttribute("data-baseline")), target: Number(root.getAttribute("data-target")),
    max: Number(root.getAttribute("data-max"))
  };
  var status = document.getElementById("live-status");
  var areaEls = DASH.index(root, "data-area");
  var summaryEls = DASH.index(root, "data-area-criteria");
  var rowEls = DASH.index(document.getElementById("criteria"), "data-criterion");
  var history = { points: [], loaded: false, failed: false };

  function setText(id, value) {
    var e = document.getElementById(id);
    if (!e || e.textContent === value) { return false; }
    e.textContent = value;
    return true;
  }
  function field(scope, name) { return scope.querySelector("[data-field=\"" + name + "\"]"); }
  function share(part, whole) {
    return whole > 0 ? Math.max(0, Math.min(100, part / whole * 100)).toFixed(2) + "%" : "0%";
  }
  function isoDate(value) { // a LocalDate, 2024-06-30: no time zone to apply
    var p = String(value).split("-");
    return p.length === 3 ? p[2] + "/" + p[1] + "/" + p[0] : String(value);
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }

  /** A new plan version may add or remove areas and criteria: such a change reloads the page (at most every 30 s). */
  function sameStructure(score) {
    var areas = score.areas || [];
    var criteria = score.criteria || [];
    return areas.length === Object.keys(areaEls).length && areas.every(function (a) { return areaEls[a.code]; })
      && criteria.length === Object.keys(rowEls).length && criteria.every(function (c) { return rowEls[c.code]; });
  }
  function reload() {
    var key = "dashboard-reload-" + planId;
    var last = Number(window.sessionStorage.getItem(key) || 0);
    if (Date.now() - last < 30000) { return false; }
    window.sessionStorage.setItem(key, String(Date.now()));
    window.location.reload();
    return true;
  }

  function totals(score) {
    if (setText("plan-projected", PAR.short(score.projected))) { DASH.flash(document.getElementById("plan-projected")); }
    setText("plan-agency", score.agency || NO_AGENCY);
    setText("plan-max", PAR.short(score.max));
    setText("plan-percent", PAR.short(score.percent) + "%");
    setText("plan-target", PAR.short(score.target));
    setText("plan-baseline", PAR.short(score.baseline));
    setText("plan-as-of", DASH.time(score.asOf));
    setText("plan-shortfall", PAR.short(score.shortfall));
    setText("plan-at-stake", PAR.short(score.atStake));
    if (score.survey) {
      setText("plan-survey", PAR.short(score.survey.projected));
      setText("plan-survey-max", PAR.short(score.survey.max));
    }
    var closed = score.basis === "FINAL" && score["final"];
    document.getElementById("plan-final-block").hidden = !closed;
    if (closed) {
      setText("plan-final", PAR.short(score["final"].total));
      setText("plan-final-percent", PAR.short(score["final"].percent));
    }
    var round = document.getElementById("plan-round");
    round.setAttribute("data-round", score.round || "");
    setText("plan-round", (ROUNDS[score.round] || score.round || "Chưa bắt đầu")
      + (score.deadline ? " · hạn " + DASH.time(score.deadline) : ""));
    if (score.selfAssessed) { setText("plan-self-assessed", PAR.short(score.selfAssessed.total)); }
    if (score.appraised) { setText("plan-appraised", PAR.short(score.appraised.total)); }
    if (score.selfControlled) {
      setText("plan-self-controlled", PAR.short(score.selfControlled.projected));
      setText("plan-self-controlled-max", PAR.short(score.selfControlled.max));
    }
    var group = DASH.group(Number(score.percent));
    var badge = document.getElementById("plan-group");
    badge.className = "badge badge-" + group;
    badge.textContent = group;
  }

  function areas(score) {
    (score.areas || []).forEach(function (a) {
      var e = areaEls[a.code];
      if (!e) { return; }
      var changed = field(e, "projected").textContent !== PAR.short(a.projected);
      DASH.setField(e, "projected", PAR.short(a.projected));
      DASH.setField(e, "max", PAR.short(a.max));
      DASH.setField(e, "percent", PAR.short(a.percent) + "%");
      DASH.setField(e, "target", PAR.short(a.target));
      DASH.setField(e, "baseline", PAR.short(a.baseline));
      DASH.setField(e, "shortfall", PAR.short(a.shortfall));
      DASH.setField(e, "figure-projected", PAR.short(a.projected));
      DASH.setField(e, "figure-self-assessed", PAR.short(areaFigure(score.selfAssessed, a.code)));
      DASH.setField(e, "figure-appraised", PAR.short(areaFigure(score.appraised, a.code)));
      DASH.setField(e, "figure-final", PAR.short(areaFigure(score["final"], a.code)));
      DASH.setField(e, "at-stake", PAR.short(a.atStake));
      if (a.survey) {
        DASH.setField(e, "survey", PAR.short(a.survey.projected));
        field(e, "survey-share").hidden = !(Number(a.survey.max) > 0);
      }
      field(e, "bar-projected").style.width = share(a.projected, a.max);
      field(e, "bar-baseline").style.left = share(a.baseline, a.max);
      field(e, "bar-target").style.left = share(a.target, a.max);
      e.querySelector(".bar").setAttribute("aria-label", "Lĩnh vực " + a.code + ": dự kiến " + PAR.short(a.projected)
        + ", mục tiêu " + PAR.short(a.target) + ", năm trước " + PAR.short(a.baseline) + ", tối đa " + PAR.short(a.max));
      var risk = field(e, "at-risk");
      var count = (a.atRisk || []).length;
      risk.hidden = count === 0;
      risk.textContent = count + " có nguy cơ";
      if (summaryEls[a.code]) { DASH.setField(summaryEls[a.code], "summary-projected", PAR.short(a.projected)); }
      chartBars(a, areaFigure(score["final"], a.code));
      if (changed) { DASH.flash(e); }
    });
  }

  function risks(score) {
    var criteria = score.criteria || [];
    var parents = {};
    criteria.forEach(function (c) { parents[c.code] = c.parentCode; });
    function areaOf(code) {
      var steps = 0;
      while (parents[code] && Object.prototype.hasOwnProperty.call(parents, parents[code]) && steps++ < 64) {
        code = parents[code];
      }
      return code;
    }
    var list = document.getElementById("at-risk");
    clear(list);
    var atRisk = criteria.filter(function (c) { return c.leaf && c.atRisk; });
    atRisk.forEach(function (c) {
      var li = DASH.el("li");
      li.setAttribute("data-criterion", c.code);
      var head = DASH.el("div");
      head.appendChild(DASH.el("strong", null, c.code));
      head.appendChild(document.createTextNode(" " + (c.title || "") + " "));
      head.appendChild(DASH.el("span", "muted", "· Lĩnh vực " + areaOf(c.code)));
      li.appendChild(head);
      var tasks = DASH.el("ul");
      (c.risks || []).forEach(function (t) {
        var item = DASH.el("li");
        item.setAttribute("data-task", t.taskId);
        (t.reasons || []).forEach(function (r) {
          var badge = DASH.el("span", "badge badge-risk", REASONS[r] || r);
          badge.setAttribute("data-reason", r);
          item.appendChild(badge);
          item.appendChild(document.createTextNode(" "));
        });
        item.appendChild(DASH.el("span", "task-text", t.description || ""));
        var meta = DASH.el("div", "muted", "Chủ trì: ");
        var leads = t.leadUnits || [];
        if (leads.length === 0) { meta.appendChild(document.createTextNode("chưa giao")); }
        leads.forEach(function (u, i) {
          if (i > 0) { meta.appendChild(document.createTextNode("; ")); }
          var unit = DASH.el("span", "unit", u.name || u.code);
          unit.setAttribute("data-unit", u.code);
          meta.appendChild(unit);
        });
        if (t.dueDate) { meta.appendChild(document.createTextNode(" · hạn " + isoDate(t.dueDate))); }
        if (t.status) { meta.appendChild(document.createTextNode(" · " + (STATUSES[t.status] || t.status))); }
        item.appendChild(meta);
        tasks.appendChild(item);
      });
      li.appendChild(tasks);
      list.appendChild(li);
    });
    setText("at-risk-count", String(atRisk.length));
    document.getElementById("at-risk-none").hidden = atRisk.length > 0;
  }

  function criteria(score) {
    (score.criteria || []).forEach(function (c) {
      var tr = rowEls[c.code];
      if (!tr) { return; }
      var changed = field(tr, "projected").textContent !== PAR.short(c.projected);
      DASH.setField(tr, "projected", PAR.short(c.projected));
      DASH.setField(tr, "target", PAR.short(c.target));
      DASH.setField(tr, "baseline", PAR.short(c.baseline));
      DASH.setField(tr, "max", PAR.short(c.max));
      DASH.setField(tr, "completion", c.completion === null || c.completion === undefined ? "—" : PAR.short(c.completion) + "%");
      var claimed = field(tr, "self-assessed");
      if (c.selfAssessedPoints !== null && c.selfAssessedPoints !== undefined) {
        DASH.setField(tr, "self-assessed", PAR.short(c.selfAssessedPoints));
      } else if (c.leaf && c.applicable !== false && claimed.textContent !== "chưa tự chấm") {
        clear(claimed);
        claimed.appendChild(DASH.el("span", "muted", "chưa tự chấm"));
      } else if (!(c.leaf && c.applicable !== false)) {
        DASH.setField(tr, "self-assessed", "");
      }
      DASH.setField(tr, "appraised", c.appraisedPoints === null || c.appraisedPoints === undefined ? ""
        : PAR.short(c.appraisedPoints));
      DASH.setField(tr, "final", c.finalPoints === null || c.finalPoints === undefined ? "" : PAR.short(c.finalPoints));
      tr.classList.toggle("adjusted", !!c.adjusted);
      DASH.setField(tr, "rule", ruleText(c));
      DASH.setField(tr, "indicator", factText(c));
      field(tr, "indicator").classList.toggle("measured", !!c.measured);
      tr.classList.toggle("not-applicable", c.applicable === false);
      var risk = field(tr, "at-risk");
      if (c.atRisk && !risk.firstElementChild) { risk.appendChild(DASH.el("span", "badge badge-risk", "Có nguy cơ")); }
      if (!c.atRisk && risk.firstChild) { clear(risk); }
      if (changed) { DASH.flash(tr); }
    });
  }

  var chartEls = DASH.index(document.getElementById("area-chart") || root, "data-chart-area");
  var CHART_WIDTH = 600; // PlanPage.CHART_WIDTH

  /** The area's bars in the chart, as lengths of the area's maximum. */
  function chartBars(a, finalPoints) {
    var g = chartEls[a.code];
    if (!g) { return; }
    [["baseline", a.baseline], ["projected", a.projected], ["target", a.target], ["final", finalPoints]].forEach(function (s) {
      var bar = g.querySelector("[data-series=\"" + s[0] + "\"]");
      var length = Number(a.max) > 0 && s[1] !== null && s[1] !== undefined
        ? Math.max(0, Math.min(1, Number(s[1]) / Number(a.max))) * CHART_WIDTH : 0;
      bar.setAttribute("width", length.toFixed(1));
    });
  }

  /** An area's total in one of the appraisal's figures (null while the figure is). */
  function areaFigure(figure, code) {
    var areas = (figure && figure.areas) || [];
    for (var i = 0; i < areas.length; i++) { if (areas[i].code === code) { return areas[i].total; } }
    return null;
  }

  /** A leaf's rule in words, as the server writes it (DashboardLabels.ruleText). */
  function ruleText(c) {
    if (!c.leaf) { return ""; }
    if (c.ruleDescription) { return c.ruleDescription; }
    var type = c.rule ? c.rule.type : "MANUAL";
    return RULE_TYPES[type] || ("Quy tắc " + type);
  }

  /** A leaf's measured fact in words, as the server writes it (DashboardLabels.factText). */
  function factText(c) {
    if (c.leaf && c.applicable === false) { return "Không áp dụng"; }
    var f = c.indicator;
    if (!f || !c.measured) { return ""; }
    switch (f.ruleType) {
      case "TIERS": return optionLabel(c.rule, f.option);
      case "BRACKETS": return PAR.short(f.value);
      case "RATIO": return PAR.short(f.numerator) + "/" + PAR.short(f.denominator);
      case "COUNT": return PAR.short(f.count);
      case "DEDUCTION": return PAR.short(f.violations) + " vi phạm";
      case "SURVEY": return PAR.short(f.percent) + " % hài lòng";
      default: return "Tự chấm " + PAR.short(f.points);
    }
  }

  function optionLabel(rule, key) {
    var options = (rule && rule.options) || [];
    for (var i = 0; i < options.length; i++) {
      if (options[i].key === key && options[i].label) { return options[i].label; }
    }
    return key;
  }

  // ---- the what-if panel: facts typed in, the score as it would be (nothing stored) ----------------------------

  var whatIf = { form: document.getElementById("what-if-form"), assumptions: [] };

  function criterionOf(code) {
    var list = (current && current.criteria) || [];
    for (var i = 0; i < list.length; i++) { if (list[i].code === code) { return list[i]; } }
    return null;
  }

  /** The inputs of the selected leaf's fact: the members of its rule's type, named as the API names them. */
  function whatIfInputs() {
    var box = document.getElementById("what-if-inputs");
    clear(box);
    var c = criterionOf(document.getElementById("what-if-code").value);
    setText("what-if-rule", c ? ruleText(c) : "");
    if (!c) { return; }
    var type = c.rule ? c.rule.type : "MANUAL";
    function number(name, label, step) {
      var id = "what-if-" + name;
      var l = DASH.el("label", null, label);
      l.setAttribute("for", id);
      var input = DASH.el("input");
      input.id = id;
      input.name = name;
      input.type = "number";
      input.min = "0";
      input.step = step || "any";
      input.required = true;
      box.appendChild(l);
      box.appendChild(input);
    }
    if (type === "TIERS") {
      var l = DASH.el("label", null, "Kết quả");
      l.setAttribute("for", "what-if-option");
      var select = DASH.el("select");
      select.id = "what-if-option";
      select.name = "option";
      ((c.rule && c.rule.options) || []).forEach(function (o) {
        var option = DASH.el("option", null, (o.label || o.key) + " (" + PAR.short(o.points) + " điểm)");
        option.value = o.key;
        select.appendChild(option);
      });
      box.appendChild(l);
      box.appendChild(select);
    } else if (type === "BRACKETS") {
      number("value", "Giá trị đo được");
    } else if (type === "RATIO") {
      number("numerator", "Tử số (số trường hợp đạt)");
      number("denominator", "Mẫu số (tổng số trường hợp)");
    } else if (type === "COUNT") {
      number("count", "Số lượng", "1");
    } else if (type === "DEDUCTION") {
      number("violations", "Số vi phạm", "1");
    } else if (type === "SURVEY") {
      number("percent", "Tỷ lệ hài lòng (%)");
    } else {
      number("points", "Điểm (tối đa " + PAR.short(c.max) + ")");
    }
  }

  function showWhatIf(answer) {
    var result = document.getElementById("what-if-result");
    DASH.setField(result, "projected", PAR.short(answer.projected));
    DASH.setField(result, "percent", PAR.short(answer.percent));
    DASH.setField(result, "group", answer.group || DASH.group(Number(answer.percent)));
    var delta = Math.round((Number(answer.projected) - Number(current.projected)) * 100) / 100;
    DASH.setField(result, "delta", (delta > 0 ? "+" : "") + PAR.short(delta));
    DASH.setField(result, "shortfall", PAR.short(answer.shortfall));
    var list = field(result, "areas");
    clear(list);
    (answer.areas || []).forEach(function (a) {
      var before = (current.areas || []).filter(function (b) { return b.code === a.code; })[0];
      if (before && Number(before.projected) === Number(a.projected)) { return; }
      var li = DASH.el("li", null, "Lĩnh vực " + a.code + ": " + PAR.short(before ? before.projected : null) + " → "
        + PAR.short(a.projected) + " / " + PAR.short(a.max));
      li.setAttribute("data-area", a.code);
      list.appendChild(li);
    });
    result.hidden = false;
  }

  function askWhatIf() {
    var error = document.getElementById("what-if-error");
    error.hidden = true;
    fetch(base + "/what-if", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ indicators: whatIf.assumptions })
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, body: body }; });
    }).then(function (reply) {
      if (!reply.ok) {
        whatIf.assumptions.pop();
        drawAssumptions();
        throw new Error(reply.body.detail || reply.body.title || "Không tính được");
      }
      showWhatIf(reply.body);
    }).catch(function (e) {
      error.textContent = e.message || "Không tính được";
      error.hidden = false;
    });
  }

  function drawAssumptions() {
    var list = document.getElementById("what-if-assumptions");
    clear(list);
    whatIf.assumptions.forEach(function (a) {
      var c = criterionOf(a.code);
      var text = a.code + ": " + (c ? factText({ leaf: true, measured: true, rule: c.rule, indicator: fact(a, c) }) : "");
      list.appendChild(DASH.el("li", null, text));
    });
    if (whatIf.assumptions.length === 0) { document.getElementById("what-if-result").hidden = true; }
  }

  function fact(assumption, c) {
    var f = { ruleType: c.rule ? c.rule.type : "MANUAL" };
    Object.keys(assumption).forEach(function (k) { if (k !== "code") { f[k] = assumption[k]; } });
    return f;
  }

  if (whatIf.form) {
    document.getElementById("what-if-code").addEventListener("change", whatIfInputs);
    whatIf.form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (!current) { return; }
      var code = document.getElementById("what-if-code").value;
      var assumption = { code: code };
      Array.prototype.forEach.call(document.getElementById("what-if-inputs").querySelectorAll("input, select"),
        function (input) { assumption[input.name] = input.tagName === "SELECT" ? input.value : Number(input.value); });
      whatIf.assumptions = whatIf.assumptions.filter(function (a) { return a.code !== code; });
      whatIf.assumptions.push(assumption);
      drawAssumptions();
      askWhatIf();
    });
    document.getElementById("what-if-clear").addEventListener("click", function () {
      whatIf.assumptions = [];
      drawAssumptions();
      document.getElementById("what-if-error").hidden = true;
    });
  }

  // ---- the timeline: a step line of the projected index over the plan's year ---------------------------------

  function addPoint(p) {
    for (var i = 0; i < history.points.length; i++) {
      if (history.points[i].sequence === p.sequence) { return false; }
    }
    history.points.push({ sequence: p.sequence, time: Date.parse(p.asOf), projected: Number(p.projected) });
    history.points.sort(function (a, b) { return a.sequence - b.sequence; });
    return true;
  }

  function loadHistory() {
    fetch(base + "/history.json", { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.json();
      })
      .then(function (points) { points.forEach(addPoint); history.loaded = true; draw(); })
      .catch(function () { history.failed = true; draw(); });
  }

  function node(tag, attributes, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  function niceStep(raw) {
    var power = Math.pow(10, Math.floor(Math.log10(raw)));
    var f = raw / power;
    return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * power;
  }

  /** The first instant of each month (in Vietnam) from t0 and before t1. */
  function monthStarts(t0, t1) {
    var local = new Date(t0 + VIETNAM_OFFSET);
    var y = local.getUTCFullYear();
    var m = local.getUTCMonth();
    var starts = [];
    for (var t = Date.UTC(y, m, 1) - VIETNAM_OFFSET; t < t1; t = Date.UTC(y, ++m, 1) - VIETNAM_OFFSET) {
      if (t >= t0) { starts.push(t); }
    }
    return starts;
  }

  function draw() {
    var svg = document.getElementById("timeline");
    // Drawn at the width it is shown (within bounds), so that its text keeps a readable size on a phone.
    var W = Math.round(Math.max(320, Math.min(1000, svg.getBoundingClientRect().width || 800)));
    var H = W < 560 ? 240 : 280, L = 58, R = 16, T = 16, B = 34;
    svg.setAttribute("viewBox", "0 0 " + W + " " + H);
    clear(svg);
    var points = history.points;
    svg.setAttribute("data-points", String(points.length));
    if (points.length === 0) {
      svg.appendChild(node("text", { x: W / 2, y: H / 2, "text-anchor": "middle" },
        history.failed ? "Không tải được diễn biến; các thay đổi mới vẫn được cập nhật." : "Chưa có điểm nào được công bố."));
      return;
    }
    // Points in the order they were published; a point stamped earlier than the one before it is drawn at that one's time.
    var times = [];
    points.forEach(function (p, i) { times.push(i === 0 ? p.time : Math.max(p.time, times[i - 1])); });
    var first = times[0];
    var lastTime = times[times.length - 1];
    var last = points[points.length - 1];
    var t0 = Math.min(Date.UTC(year, 0, 1) - VIETNAM_OFFSET, first);
    var t1 = Math.max(Date.UTC(year + 1, 0, 1) - VIETNAM_OFFSET, lastTime);
    var tNow = Math.min(Math.max(Date.now(), lastTime), t1);
    var values = points.map(function (p) { return p.projected; }).concat([plan.baseline, plan.target]);
    var lo = Math.min.apply(null, values);
    var hi = Math.max.apply(null, values);
    var pad = Math.max((hi - lo) * 0.15, 0.5);
    lo = Math.max(0, lo - pad);
    hi = plan.max > 0 ? Math.min(plan.max, hi + pad) : hi + pad;
    if (hi <= lo) { hi = lo + 1; }
    function x(t) { return (L + (t - t0) / (t1 - t0) * (W - L - R)).toFixed(1); }
    function y(v) { return (T + (hi - v) / (hi - lo) * (H - T - B)).toFixed(1); }

    var step = niceStep((hi - lo) / 4);
    for (var v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) {
      svg.appendChild(node("line", { "class": "grid-line", x1: L, x2: W - R, y1: y(v), y2: y(v) }));
      svg.appendChild(node("text", { x: L - 6, y: Number(y(v)) + 4, "text-anchor": "end" },
        PAR.short(Math.round(v * 100) / 100)));
    }
    var months = monthStarts(t0, t1);
    var every = months.length <= 7 ? 1 : (months.length <= 14 ? 2 : Math.ceil(months.length / 6));
    months.forEach(function (t, i) {
      if (i % every !== 0) { return; }
      svg.appendChild(node("line", { "class": "grid-line", x1: x(t), x2: x(t), y1: T, y2: H - B }));
      svg.appendChild(node("text", { x: x(t), y: H - B + 18, "text-anchor": "middle", "class": "tick" }, DASH.dayMonth(t)));
    });
    svg.appendChild(node("line", { "class": "axis", x1: L, x2: W - R, y1: H - B, y2: H - B }));
    svg.appendChild(node("line", { "class": "axis", x1: L, x2: L, y1: T, y2: H - B }));
    [["baseline", plan.baseline, "Năm trước"], ["target", plan.target, "Mục tiêu"]].forEach(function (ref) {
      if (ref[1] < lo || ref[1] > hi) { return; }
      svg.appendChild(node("line", { "class": "ref-" + ref[0], x1: L, x2: W - R, y1: y(ref[1]), y2: y(ref[1]) }));
      svg.appendChild(node("text", { x: W - R - 4, y: Number(y(ref[1])) - 5, "text-anchor": "end", "class": "ref-label-" + ref[0] },
        ref[2] + " " + PAR.short(ref[1])));
    });

    var coords = [];
    points.forEach(function (p, i) {
      if (i > 0) { coords.push(x(times[i]) + "," + y(points[i - 1].projected)); }
      coords.push(x(times[i]) + "," + y(p.projected));
    });
    coords.push(x(tNow) + "," + y(last.projected));
    svg.appendChild(node("polyline", { id: "timeline-line", "class": "line", points: coords.join(" ") }));
    svg.appendChild(node("circle", {
      id: "timeline-now", "class": "now", cx: x(lastTime), cy: y(last.projected), r: 5,
      "data-projected": String(last.projected), "data-sequence": String(last.sequence)
    }));
    svg.setAttribute("aria-label", "Diễn biến chỉ số dự kiến năm " + year + ": " + points.length + " lần thay đổi, mới nhất "
      + PAR.short(last.projected) + " điểm ngày " + DASH.fullDate(last.time));
  }

  function onScore(score) {
    if (score.sequence < sequence) { return; } // never go back to an older state
    if ((score.version !== version || !sameStructure(score)) && reload()) { return; }
    sequence = score.sequence;
    var first = current === null;
    current = score;
    root.setAttribute("data-sequence", String(sequence));
    plan.baseline = Number(score.baseline);
    plan.target = Number(score.target);
    plan.max = Number(score.max);
    totals(score);
    areas(score);
    risks(score);
    criteria(score);
    if (first && whatIf.form) { whatIfInputs(); }
    if (addPoint(score) && (history.loaded || history.failed)) { draw(); }
  }

  var resized = null;
  window.addEventListener("resize", function () {
    clearTimeout(resized);
    resized = setTimeout(function () { if (history.loaded || history.failed) { draw(); } }, 200);
  });

  loadHistory();
  PAR.live(base + "/stream", onScore, status);
  DASH.watchSession(status);
})();
