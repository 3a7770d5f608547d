/* selkeys feedback widget.
 *
 * <script src="https://palaute.example.fi/widget.js" data-site="kaupunki" data-lang="fi" defer></script>
 *
 * Optional: data-url (the page's canonical URL; default <link rel="canonical"> or the address
 * without its fragment) and data-target (CSS selector of the element to fill; default: the
 * widget is inserted right after the script tag). data-demo: the service's demo page (/demo)
 * shows a sample page's paragraphs and sends nothing.
 *
 * Built from native form controls (radio buttons, a select, a textarea) so keyboard use and
 * screen readers work as they do everywhere else; messages go to a live region, and focus
 * moves to the thank-you message when the rating has been stored. The texts come from the
 * service with the page data, in the language of data-lang. No cookies, no storage.
 *
 * The script brings its own style sheet (widget.css from the same address), and shows the
 * widget once it has loaded, so the one <script> tag is all a site embeds. The spam trap (a
 * field people never see) is hidden by the hidden attribute and aria-hidden, not by the style
 * sheet alone: a page that failed to load it must not show residents a box they may type in.
 * When the widget stays hidden (unknown site, origin not allowed, page not published, service
 * unreachable) the browser console says why, for the site's developers.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) { return; }
  var base = new URL(".", script.src);
  var site = script.getAttribute("data-site") || "";
  var lang = script.getAttribute("data-lang") || "fi";
  var demo = script.hasAttribute("data-demo");
  var canonical = document.querySelector('link[rel="canonical"]');
  var pageUrl = script.getAttribute("data-url") || (canonical && canonical.href) ||
    (location.origin + location.pathname + location.search);
  var ERRORS = { "rate-limit": "rate_limit", "token-expired": "expired", "unknown-page": "unknown_page", "rating": "choose" };
  var counter = 0;

  function api(path, params) {
    var url = new URL(path, base);
    Object.keys(params).forEach(function (k) { url.searchParams.set(k, params[k]); });
    return url.toString();
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function randomKey() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  function postJson(path, body) {
    return fetch(api(path, { site: site }), {
      method: "POST", mode: "cors", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function build(page) {
    var t = page.texts;
    var id = "selkeys-" + (++counter);
    var root = el("section", { "class": "selkeys-widget", "aria-labelledby": id + "-title", lang: lang });
    var form = el("form", { novalidate: "" });
    var fieldset = el("fieldset");
    var legend = el("legend", { id: id + "-title" }, t.title);
    fieldset.appendChild(legend);
    var faces = ["\uD83D\uDE1E", "\uD83D\uDE41", "\uD83D\uDE42", "\uD83D\uDE00"];
    for (var n = 1; n <= 4; n++) {
      var choice = el("div", { "class": "selkeys-choice" });
      var radio = el("input", { type: "radio", name: id + "-rating", id: id + "-r" + n, value: String(n) });
      var label = el("label", { "for": id + "-r" + n });
      label.appendChild(el("span", { "aria-hidden": "true", "class": "selkeys-face" }, faces[n - 1]));
      label.appendChild(document.createTextNode(" " + t["rating_" + n]));
      choice.appendChild(radio);
      choice.appendChild(label);
      fieldset.appendChild(choice);
    }
    form.appendChild(fieldset);

    form.appendChild(el("label", { "for": id + "-paragraph" }, t.paragraph));
    var select = el("select", { id: id + "-paragraph" });
    select.appendChild(el("option", { value: "" }, t.paragraph_none));
    page.paragraphs.forEach(function (p) {
      var text = p.text.length > 90 ? p.text.slice(0, 89) + "\u2026" : p.text;
      select.appendChild(el("option", { value: String(p.index) }, (p.kind === "heading" ? t.heading + ": " : "") + text));
    });
    form.appendChild(select);

    form.appendChild(el("label", { "for": id + "-comment" }, t.comment));
    form.appendChild(el("p", { id: id + "-hint", "class": "selkeys-hint" }, t.comment_hint));
    var comment = el("textarea", { id: id + "-comment", rows: "4", maxlength: "300",
      "aria-describedby": id + "-hint " + id + "-count" });
    form.appendChild(comment);
    var count = el("p", { id: id + "-count", "class": "selkeys-hint" }, t.characters.replace("{n}", "0"));
    form.appendChild(count);
    comment.addEventListener("input", function () {
      count.textContent = t.characters.replace("{n}", String(comment.value.length));
      previewed = false;
    });

    var trap = el("div", { "class": "selkeys-hp", "aria-hidden": "true", hidden: "" });
    trap.style.display = "none";  // also when a page's own CSS overrides [hidden]
    trap.appendChild(el("label", { "for": id + "-website" }, t.honeypot));
    var honeypot = el("input", { type: "text", id: id + "-website", tabindex: "-1", autocomplete: "off" });
    trap.appendChild(honeypot);
    form.appendChild(trap);

    var button = el("button", { type: "submit" }, t.send);
    form.appendChild(button);
    var alertBox = el("p", { role: "alert", "class": "selkeys-message" });
    var status = el("div", { role: "status", "class": "selkeys-status" });
    form.appendChild(alertBox);
    root.appendChild(form);
    root.appendChild(status);

    var key = randomKey();
    var previewed = false;
    var busy = false;

    function fail(message, focus) {
      busy = false;
      button.disabled = false;
      status.textContent = "";
      alertBox.textContent = message;
      if (focus) { focus.focus(); }
    }

    function thank(extra) {
      var thanks = el("p", { tabindex: "-1", "class": "selkeys-thanks" }, t.thanks);
      form.remove();
      status.textContent = "";
      status.appendChild(thanks);
      if (extra) { status.appendChild(el("p", { "class": "selkeys-hint" }, extra)); }
      thanks.focus();
    }

    function send(rating) {
      if (demo) { thank(t.demo_nothing_stored); return Promise.resolve(); }
      var body = { url: page.url, version: page.version, rating: rating, token: page.token, idempotency_key: key,
                   website: honeypot.value };
      if (select.value !== "") { body.paragraph = Number(select.value); }
      if (comment.value.trim() !== "") { body.comment = comment.value; }
      return postJson("api/v1/ratings", body).then(function (answer) {
        if (answer.status === 200 || answer.status === 201) { thank(); return; }
        fail(t[ERRORS[answer.data.error] || "error"], button);
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }
      var chosen = form.querySelector('input[type="radio"]:checked');
      if (!chosen) { fail(t.choose, form.querySelector('input[type="radio"]')); return; }
      busy = true;
      button.disabled = true;
      alertBox.textContent = "";
      status.textContent = t.sending;
      var text = comment.value.trim();
      var step = Promise.resolve(true);
      if (text !== "" && !previewed && !demo) {
        // the service shows what it will store: personal data replaced by labels
        step = postJson("api/v1/preview", { comment: comment.value, lang: lang }).then(function (answer) {
          if (answer.status !== 200) { throw new Error("preview"); }
          previewed = true;
          if (answer.data.found.length) {
            comment.value = answer.data.comment;
            count.textContent = t.characters.replace("{n}", String(comment.value.length));
            fail(t.scrubbed, comment);
            return false;
          }
          return true;
        });
      }
      step.then(function (go) { if (go) { return send(Number(chosen.value)); } })
        .catch(function () { fail(t.error, button); });
    });
    return root;
  }

  function mount(node) {
    var target = script.getAttribute("data-target");
    var host = target && document.querySelector(target);
    if (host) { host.appendChild(node); } else { script.parentNode.insertBefore(node, script.nextSibling); }
  }

  function stylesheet() {
    // once per page, however many widgets it has; resolves when loaded (or failed: the widget
    // still works unstyled, and its spam trap stays hidden without the style sheet)
    var href = new URL("widget.css", base).toString();
    var link = document.querySelector('link[data-selkeys-widget]');
    if (!link) {
      link = el("link", { rel: "stylesheet", href: href, "data-selkeys-widget": "" });
      link.selkeysLoaded = new Promise(function (resolve) {
        link.addEventListener("load", resolve);
        link.addEventListener("error", function () {
          console.warn("selkeys widget: its style sheet " + href + " could not be loaded; showing it unstyled");
          resolve();
        });
      });
      document.head.appendChild(link);
    }
    return link.selkeysLoaded || Promise.resolve();
  }

  function hidden(why) {
    console.warn("selkeys widget: not shown: " + why);
  }

  var WHY = {
    "unknown-site": function () {
      return "the feedback service at " + base + " has no site " + site + ". Register it there with " +
        "`selkeys feedback site add " + site + " --origin " + location.origin + "`, on the database " +
        "`selkeys serve` uses (the same --data-dir or --database-url).";
    },
    "origin": function () {
      return "site " + site + " does not allow pages from " + location.origin + " (add it with --origin).";
    },
    "unknown-page": function () {
      return "the page " + pageUrl + " has not been published to site " + site + " " +
        "(`selkeys feedback publish FILE --site " + site + " --url " + pageUrl + "`, or data-url for another address).";
    },
    "rate-limit": function () { return "too many requests from this address; try again in a minute."; }
  };

  var styled = stylesheet();
  var source = demo ? api("api/v1/demo", { lang: lang }) : api("api/v1/page", { site: site, url: pageUrl, lang: lang });
  fetch(source, { mode: "cors", credentials: "omit" })
    .then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (response.ok) { return styled.then(function () { mount(build(data)); }); }
        var why = WHY[data.error];
        hidden(why ? why() : "the feedback service answered HTTP " + response.status + ".");
      });
    }, function () {
      hidden("the feedback service at " + base + " could not be reached (is `selkeys serve` running there?).");
    });
})();
