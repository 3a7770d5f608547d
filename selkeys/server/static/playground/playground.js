// The selkeys playground: live linting, before/after comparison and exercises.
// Plain script, no framework and no external assets. User text is only ever put into the
// page as text nodes (never as HTML), and answers to an older version of a text are dropped.
"use strict";

(function () {
  const settings = JSON.parse(document.getElementById("playground-settings").textContent);
  const T = settings.texts;
  const UI = settings.ui_lang;
  // null unless the participant chose the page's language: findings then come in their text's
  const MESSAGES = settings.message_lang;
  const DEBOUNCE_MS = 300;
  const SEVERITY_ORDER = ["hint", "info", "warning", "error"];
  const WIDE_KINDS = ["sentence", "paragraph", "syntax"]; // rules that mark a whole sentence
  const numbers = new Intl.NumberFormat(UI, { maximumFractionDigits: 1 });
  const percents = new Intl.NumberFormat(UI, { style: "percent", maximumFractionDigits: 0 });
  const tooltip = document.getElementById("tooltip");

  // -- small helpers --------------------------------------------------------------------
  function fmt(key, values) {
    return T[key].replace(/\{(\w+)\}/g, (all, name) => (name in values ? String(values[name]) : all));
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "className") node.className = value;
      else node.setAttribute(name, value === true ? "" : value);
    }
    for (const child of children) {
      if (child === null || child === undefined) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  // a whole long sentence is too much to repeat in a list; its start says which one it is
  function shorten(text, limit = 70) {
    return text.length <= limit ? text : text.slice(0, limit).replace(/\s+\S*$/, "") + " …";
  }

  function langName(code) {
    return T["lang_" + code] || code;
  }

  function scoreText(score) {
    return `${score.value}/100 (${score.band_label})`;
  }

  function driversText(score) {
    const top = score.drivers.slice(0, 3).map((d) => `${d.label} −${Math.round(d.points)}`);
    return top.length ? `${T.pulled_down}: ${top.join(", ")}` : "";
  }

  function profile() {
    return document.querySelector('input[name="profile"]:checked').value;
  }

  function textLang() {
    return document.getElementById("text-lang").value;
  }

  // -- requests -------------------------------------------------------------------------
  class ApiError extends Error {}

  const encoder = new TextEncoder();

  // The server refuses texts over the limit (413); saying so here spares the upload.
  function checkSize(...texts) {
    if (texts.some((text) => encoder.encode(text).length > settings.limit_kb * 1000)) {
      throw new ApiError(fmt("error_too_large", { limit: settings.limit_kb }));
    }
  }

  async function postJson(path, body, signal) {
    let response;
    try {
      response = await fetch(path, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
        signal,
      });
    } catch (error) {
      if (error.name === "AbortError") throw error;
      throw new ApiError(T.error_network);
    }
    const data = await response.json().catch(() => null);
    if (response.ok && data) return data;
    if (data && data.code === "too_large") throw new ApiError(fmt("error_too_large", { limit: data.limit_kb }));
    if (data && data.code === "input") throw new ApiError(T.error_input);
    if (data && data.code === "rate_limit") throw new ApiError(T.error_rate_limit);
    if (data && data.code === "busy") throw new ApiError(T.error_busy);
    throw new ApiError(fmt("error_request", { detail: (data && data.error) || response.status }));
  }

  // Runs `work(signal, isCurrent)` DEBOUNCE_MS after the last call; a newer call aborts the
  // request of an older one, and isCurrent() tells a late answer that it is stale.
  function liveUpdater(work, status) {
    let timer = null;
    let controller = null;
    let generation = 0;
    return function schedule(now) {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        if (controller) controller.abort();
        controller = new AbortController();
        const mine = ++generation;
        status.textContent = T.analysing;
        try {
          await work(controller.signal, () => mine === generation);
        } catch (error) {
          if (error.name === "AbortError" || mine !== generation) return;
          status.textContent = error instanceof ApiError ? error.message : T.error_network;
          status.classList.add("error");
          return;
        }
        status.classList.remove("error");
      }, now ? 0 : DEBOUNCE_MS);
    };
  }

  // -- highlighted text (the mirror) ---------------------------------------------------------
  function describe(finding, view) {
    const rule = view.rules[finding.code] || {};
    const parts = [`${T["severity_" + finding.severity]} ${finding.code}: ${finding.message}`];
    if (rule.why) parts.push(rule.why);
    for (const s of finding.suggestions) parts.push(`${T.suggestion} (${s.safe ? T.safe : T.review}): ${s.text}`);
    return parts.join(" ");
  }

  function isWide(finding, view) {
    const rule = view.rules[finding.code];
    return Boolean(rule && WIDE_KINDS.includes(rule.kind));
  }

  // Splits a paragraph at every finding boundary; each piece covered by findings becomes a
  // <mark> naming them, and the piece where a finding starts is its focus target.
  function paragraphNodes(text, para, findings, view, prefix, targets) {
    const cuts = new Set([para.start, para.end]);
    for (const f of findings) {
      cuts.add(Math.max(para.start, f.start));
      cuts.add(Math.min(para.end, f.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const byStart = [...findings].sort((x, y) => x.start - y.start);
    const nodes = [];
    let next = 0;
    let active = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      const piece = text.slice(a, b);
      active = active.filter((f) => f.end > a); // a sweep: findings open at this piece
      while (next < byStart.length && byStart[next].start <= a) {
        if (byStart[next].end > a) active.push(byStart[next]);
        next++;
      }
      if (!active.length) {
        nodes.push(document.createTextNode(piece));
        continue;
      }
      const narrow = active.filter((f) => !isWide(f, view));
      const worst = (narrow.length ? narrow : active)
        .map((f) => f.severity)
        .reduce((x, y) => (SEVERITY_ORDER.indexOf(x) >= SEVERITY_ORDER.indexOf(y) ? x : y));
      const mark = el("mark", {
        className: `hit sev-${worst}${narrow.length ? "" : " wide-only"}${narrow.length < active.length ? " wide" : ""}`,
        "data-findings": active.map((f) => f.id).join(" "),
        "aria-describedby": active.map((f) => `${prefix}-d${f.id}`).join(" "),
      }, piece);
      const starting = active.filter((f) => f.start === a);
      if (starting.length) {
        mark.tabIndex = 0;
        for (const f of starting) targets.set(f.id, mark);
      }
      nodes.push(mark);
    }
    return nodes;
  }

  function renderMirror(container, text, view, prefix) {
    const targets = new Map();
    const descriptions = el("div", { hidden: true, className: "descriptions" });
    for (const f of view.findings) descriptions.append(el("span", { id: `${prefix}-d${f.id}` }, describe(f, view)));
    const byParagraph = new Map();
    for (const f of view.findings) {
      if (!byParagraph.has(f.paragraph)) byParagraph.set(f.paragraph, []);
      byParagraph.get(f.paragraph).push(f);
    }
    const blocks = [];
    for (const para of view.paragraphs) {
      const label = para.analysed
        ? `${fmt("paragraph", { n: para.index + 1 })} · ${langName(para.lang)}` +
          (para.score ? ` · ${scoreText(para.score)}` : "")
        : `${fmt("paragraph", { n: para.index + 1 })} · ${T.not_analysed}`;
      const band = para.score ? ` band-${para.score.band.replace(" ", "-")}` : "";
      const own = byParagraph.get(para.index) || [];
      blocks.push(el("div", { className: "para" + (para.analysed ? "" : " skipped") },
        el("p", { className: "para-score" + band }, label),
        el("p", { className: "para-text", lang: para.lang || null },
          ...paragraphNodes(text, para, own, view, prefix, targets))));
    }
    if (!blocks.length) blocks.push(el("p", { className: "placeholder" }, T.empty));
    container.replaceChildren(...blocks, descriptions);
    container.findingsView = view;
    return targets;
  }

  function showTooltip(mark, view) {
    const ids = mark.dataset.findings.split(" ").map(Number);
    const items = ids.map((id) => view.findings[id]).map((f) => {
      const rule = view.rules[f.code] || {};
      return el("div", { className: "tip-item" },
        el("p", {}, el("span", { className: `sev sev-${f.severity}` }, T["severity_" + f.severity]), " ",
          el("code", {}, f.code), " ", f.message),
        rule.why ? el("p", { className: "why", lang: rule.why_lang }, rule.why) : null,
        ...f.suggestions.map((s) => el("p", { className: "suggestion" },
          `${T.suggestion} (${s.safe ? T.safe : T.review}): ${s.text}`)));
    });
    tooltip.replaceChildren(...items);
    tooltip.hidden = false;
    const box = mark.getBoundingClientRect();
    const left = Math.min(box.left, document.documentElement.clientWidth - tooltip.offsetWidth - 8);
    tooltip.style.left = `${Math.max(8, left) + window.scrollX}px`;
    tooltip.style.top = `${box.bottom + window.scrollY + 6}px`;
  }

  function hideTooltip() {
    tooltip.hidden = true;
  }

  function attachTooltips(container) {
    const markOf = (event) => event.target.closest && event.target.closest("mark.hit");
    container.addEventListener("mouseover", (event) => {
      const mark = markOf(event);
      if (mark) showTooltip(mark, container.findingsView);
    });
    container.addEventListener("mouseout", (event) => {
      if (markOf(event) && document.activeElement !== markOf(event)) hideTooltip();
    });
    container.addEventListener("focusin", (event) => {
      const mark = markOf(event);
      if (mark) showTooltip(mark, container.findingsView);
    });
    container.addEventListener("focusout", hideTooltip);
  }

  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape") hideTooltip();
  });

  // -- findings list, scores and metrics -----------------------------------------------------
  function findingLine(f) {
    // most messages quote the matched words themselves; the others (long sentences) get them here
    const quoted = f.message.includes(f.matched) ? null : el("q", {}, shorten(f.matched));
    return [el("span", { className: `sev sev-${f.severity}` }, T["severity_" + f.severity]), " ",
      el("code", {}, f.code), " ", f.message, quoted ? " " : null, quoted];
  }

  // The rule's full `selkeys explain` text, filled in when opened (a long text has many findings).
  function explanation(rule) {
    const pre = el("pre", {});
    const details = el("details", {}, el("summary", {}, T.full_explanation), pre);
    details.addEventListener("toggle", () => {
      if (details.open && !pre.textContent) pre.textContent = rule.explanation || "";
    });
    return details;
  }

  function renderFindings(list, view, targets, textarea) {
    const items = view.findings.map((f) => {
      const rule = view.rules[f.code] || {};
      const button = el("button", { type: "button", className: "finding", "data-id": f.id }, ...findingLine(f));
      button.addEventListener("click", () => {
        textarea.setSelectionRange(f.start, f.end);
        const mark = targets.get(f.id);
        if (mark) {
          mark.scrollIntoView({ block: "nearest" });
          mark.focus();
        }
      });
      return el("li", {}, button,
        ...f.suggestions.map((s) => el("p", { className: "suggestion" },
          `${T.suggestion} (${s.safe ? T.safe : T.review}): ${s.text}`)),
        explanation(rule));
    });
    list.replaceChildren(...(items.length ? items : [el("li", { className: "none" }, T.no_findings)]));
  }

  function arrowKeys(list) {
    list.addEventListener("keydown", (event) => {
      if (!["ArrowDown", "ArrowUp"].includes(event.key)) return;
      const buttons = [...list.querySelectorAll("button.finding")];
      const at = buttons.indexOf(document.activeElement);
      if (at < 0) return;
      event.preventDefault();
      const next = buttons[Math.max(0, Math.min(buttons.length - 1, at + (event.key === "ArrowDown" ? 1 : -1)))];
      next.focus();
    });
  }

  function renderScores(container, documents) {
    container.replaceChildren(...documents.map((d) => el("div", { className: "score-card" },
      el("p", { className: "score-title" }, fmt("whole_text", { lang: langName(d.lang) })),
      el("p", { className: `score-value band-${d.score ? d.score.band.replace(" ", "-") : "none"}` },
        d.score ? scoreText(d.score) : "–"),
      d.score && d.score.drivers.length ? el("p", { className: "drivers" }, driversText(d.score)) : null)));
  }

  function metricValue(metric) {
    if (metric.name.endsWith("_share")) return percents.format(metric.value);
    return numbers.format(metric.value);
  }

  function renderMetrics(container, documents) {
    container.replaceChildren(...documents.map((d) => el("table", { className: "metrics" },
      el("caption", {}, langName(d.lang)),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, T.metric), el("th", { scope: "col" }, T.value))),
      el("tbody", {}, ...d.metrics.map((m) => el("tr", {},
        el("th", { scope: "row" }, m.label), el("td", {}, metricValue(m))))))));
  }

  // -- mode 1: write --------------------------------------------------------------------------
  function setUpWrite() {
    const textarea = document.getElementById("write-text");
    const mirror = document.getElementById("write-mirror");
    const list = document.getElementById("write-findings");
    const status = document.getElementById("write-status");
    attachTooltips(mirror);
    arrowKeys(list);
    const update = liveUpdater(async (signal, isCurrent) => {
      const text = textarea.value;
      checkSize(text);
      const view = await postJson("/api/playground/lint",
        { text, profile: profile(), lang: textLang(), ui_lang: UI, message_lang: MESSAGES }, signal);
      if (!isCurrent()) return;
      const targets = renderMirror(mirror, text, view, "w");
      renderFindings(list, view, targets, textarea);
      renderScores(document.getElementById("write-scores"), view.documents);
      renderMetrics(document.getElementById("write-metrics"), view.documents);
      status.textContent = fmt("findings_count", { n: view.findings.length });
    }, status);
    textarea.addEventListener("input", () => update(false));
    return update;
  }

  // -- mode 2 and 3: before/after comparison ----------------------------------------------------
  function diffList(title, items, kind, withBefore) {
    const rows = items.map((f) => el("li", {}, ...findingLine(f),
      withBefore && f.matched_before !== f.matched ? el("span", { className: "was" }, ` (${shorten(f.matched_before)})`)
        : null));
    return el("section", { className: `diff-list diff-${kind}` },
      el("h3", {}, `${title} (${items.length})`),
      el("ul", {}, ...(rows.length ? rows : [el("li", { className: "none" }, T.none)])));
  }

  function renderComparison(container, result) {
    const changes = result.scores.filter((s) => s.change !== null).map((s) => el("p", { className: "change" },
      `${T.change}, ${langName(s.lang)}: ${s.change > 0 ? "+" : ""}${s.change} ` +
      `(${s.before.value} → ${s.after.value})`));
    container.replaceChildren(...changes,
      el("div", { className: "diff-columns" },
        diffList(T.resolved, result.resolved, "resolved", false),
        diffList(T.remaining, result.remaining, "remaining", true),
        diffList(T.new, result.new, "new", false)));
  }

  function setUpCompare() {
    const before = document.getElementById("compare-before");
    const after = document.getElementById("compare-after");
    const status = document.getElementById("compare-status");
    const mirrors = ["before", "after"].map((side) => document.getElementById(`compare-${side}-mirror`));
    mirrors.forEach(attachTooltips);
    const update = liveUpdater(async (signal, isCurrent) => {
      const texts = [before.value, after.value];
      checkSize(...texts);
      const result = await postJson("/api/playground/compare", {
        before: texts[0], after: texts[1], profile: profile(), lang: textLang(), ui_lang: UI,
        message_lang: MESSAGES,
      }, signal);
      if (!isCurrent()) return;
      renderMirror(mirrors[0], texts[0], result.before, "b");
      renderMirror(mirrors[1], texts[1], result.after, "a");
      renderScores(document.getElementById("compare-before-score"), result.before.documents);
      renderScores(document.getElementById("compare-after-score"), result.after.documents);
      renderComparison(document.getElementById("compare-result"), result);
      status.textContent = `${T.resolved}: ${result.resolved.length}, ${T.remaining}: ${result.remaining.length}, ` +
        `${T.new}: ${result.new.length}`;
    }, status);
    before.addEventListener("input", () => update(false));
    after.addEventListener("input", () => update(false));
    return update;
  }

  function setUpExercises() {
    const langSelect = document.getElementById("exercise-lang");
    const pick = document.getElementById("exercise-pick");
    const rewrite = document.getElementById("exercise-rewrite");
    const status = document.getElementById("exercise-status");
    const verdict = document.getElementById("exercise-verdict");
    const example = document.getElementById("exercise-example");
    const reveal = document.getElementById("exercise-reveal");
    let list = [];
    let loaded = null;

    function current() {
      return list[pick.selectedIndex];
    }

    function show() {
      const ex = current();
      if (!ex) return;
      document.getElementById("exercise-text").textContent = ex.text;
      document.getElementById("exercise-text").lang = ex.lang;
      document.getElementById("exercise-rule").textContent = `${ex.code} (${T["category_" + ex.category]})`;
      document.getElementById("exercise-why").textContent = ex.why;
      document.getElementById("exercise-why").lang = ex.why_lang;
      document.getElementById("exercise-example-text").textContent = ex.example;
      document.getElementById("exercise-example-text").lang = ex.lang;
      rewrite.value = ex.text;
      rewrite.lang = ex.lang;
      example.hidden = true;
      reveal.setAttribute("aria-expanded", "false");
      verdict.textContent = "";
      verdict.className = "verdict";
      status.textContent = "";
      document.getElementById("exercise-result").replaceChildren();
    }

    async function load() {
      if (loaded === langSelect.value) return;
      loaded = langSelect.value;
      const chosen = MESSAGES ? `&message_lang=${MESSAGES}` : "";
      const response = await fetch(`/api/playground/exercises?lang=${loaded}&ui_lang=${UI}${chosen}`);
      list = (await response.json()).exercises;
      // each exercise by what it is about: the rule's message with the passage's own words
      pick.replaceChildren(...list.map((ex, i) =>
        el("option", { value: ex.id, lang: MESSAGES || ex.lang }, `${i + 1}. ${ex.title}`)));
      show();
    }

    const update = liveUpdater(async (signal, isCurrent) => {
      const ex = current();
      if (!ex) return;
      checkSize(rewrite.value);
      const result = await postJson("/api/playground/compare", {
        before: ex.text, after: rewrite.value, profile: ex.profile, lang: ex.lang, ui_lang: UI,
        message_lang: MESSAGES,
      }, signal);
      if (!isCurrent() || current() !== ex) return; // another exercise was chosen meanwhile
      renderComparison(document.getElementById("exercise-result"), result);
      const left = [...result.remaining, ...result.new].some((f) => f.code === ex.code);
      verdict.textContent = left ? T.target_remains : T.target_fixed;
      verdict.className = "verdict " + (left ? "verdict-remains" : "verdict-fixed");
      status.textContent = `${T.resolved}: ${result.resolved.length}, ${T.remaining}: ${result.remaining.length}, ` +
        `${T.new}: ${result.new.length}`;
    }, status);

    langSelect.addEventListener("change", () => load().catch(() => { status.textContent = T.error_network; }));
    pick.addEventListener("change", show);
    rewrite.addEventListener("input", () => update(false));
    document.getElementById("exercise-check").addEventListener("click", () => update(true));
    document.getElementById("exercise-next").addEventListener("click", () => {
      if (!list.length) return;
      pick.selectedIndex = (pick.selectedIndex + 1) % list.length;
      show();
      rewrite.focus();
    });
    reveal.addEventListener("click", () => {
      example.hidden = !example.hidden;
      reveal.setAttribute("aria-expanded", String(!example.hidden));
    });
    if (UI === "sv") langSelect.value = "sv";
    return () => load().catch(() => { status.textContent = T.error_network; });
  }

  // -- tabs -----------------------------------------------------------------------------------
  function setUpTabs(onShow) {
    const tabs = [...document.querySelectorAll('[role="tab"]')];
    function select(tab, focus) {
      for (const other of tabs) {
        const chosen = other === tab;
        other.setAttribute("aria-selected", String(chosen));
        other.tabIndex = chosen ? 0 : -1;
        document.getElementById(other.getAttribute("aria-controls")).hidden = !chosen;
      }
      if (focus) tab.focus();
      hideTooltip();
      onShow(tab.id);
    }
    for (const tab of tabs) {
      tab.addEventListener("click", () => select(tab, false));
      tab.addEventListener("keydown", (event) => {
        const at = tabs.indexOf(tab);
        const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 }[event.key];
        if (next === undefined) return;
        event.preventDefault();
        select(tabs[(next + tabs.length) % tabs.length], true);
      });
    }
  }

  // Storage may be switched off or full; the page works without it.
  function stored(action) {
    try {
      return action();
    } catch (error) {
      return null;
    }
  }

  // Texts survive a change of interface language (the language links load the page again);
  // sessionStorage keeps them in this tab only and forgets them when it closes.
  function keepTexts(ids, update) {
    let restored = false;
    for (const id of ids) {
      const area = document.getElementById(id);
      const key = `selkeys-playground:${id}`;
      const saved = stored(() => sessionStorage.getItem(key));
      if (saved) {
        area.value = saved;
        restored = true;
      }
      area.addEventListener("input", () => stored(() => sessionStorage.setItem(key, area.value)));
    }
    if (restored) update(true);
  }

  const writeUpdate = setUpWrite();
  const compareUpdate = setUpCompare();
  keepTexts(["write-text"], writeUpdate);
  keepTexts(["compare-before", "compare-after"], compareUpdate);
  const loadExercises = setUpExercises();
  setUpTabs((id) => {
    if (id === "tab-exercises") loadExercises();
  });
  for (const control of document.querySelectorAll('input[name="profile"], #text-lang')) {
    control.addEventListener("change", () => {
      writeUpdate(true);
      compareUpdate(true);
    });
  }
})();
