/*
 * MLOps career guide assistant: embeddable chat widget.
 *
 *   <script src="https://YOUR-ASSISTANT/widget.js" defer
 *           data-title="Ask the MLOps career guide"
 *           data-position="bottom-right"            (or "bottom-left")
 *           data-color="#1f6feb"                     (button, header and your messages)
 *           data-text-color="#ffffff"                (text on that colour)
 *           data-greeting="Hi! Ask me about ..."     (first message in the panel)
 *           data-open="false"></script>              ("true" opens the panel on load)
 *
 * Self-contained: no dependencies, nothing fetched but this server's /api/ask/stream and
 * /api/sections. Its DOM lives in a shadow root, so the host page's CSS does not leak in and
 * ours does not leak out. Every text from the user or the server is inserted with textContent,
 * never as HTML. The server answers only origins on its allowlist (ASSISTANT_ALLOWED_ORIGINS).
 */
(function () {
  "use strict";
  if (window.MLOpsGuideWidget) return; // included twice: keep the first

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var base = data.api ? data.api.replace(/\/?$/, "/")
    : new URL(".", (script && script.src) || location.href).href;
  var cfg = {
    title: data.title || "Ask the MLOps career guide",
    position: data.position === "bottom-left" ? "left" : "right",
    color: safeColor(data.color, "#1f6feb"),
    textColor: safeColor(data.textColor, "#ffffff"),
    greeting: data.greeting ||
      "Ask me about becoming and working as an MLOps Engineer. Every answer quotes the guide.",
    placeholder: data.placeholder || "Type your question",
    open: data.open === "true",
  };
  var MAX_HISTORY = 10; // messages sent back as context
  var history = [];
  var busy = false;

  function safeColor(value, fallback) {
    // Only plain colour values reach the stylesheet (no "red; background:url(...)").
    return value && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(rgb|hsl)a?\([0-9.,%\s]+\))$/.test(value)
      ? value : fallback;
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  function chatIcon() { // a speech bubble, drawn so that no emoji font is needed
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "28");
    svg.setAttribute("height", "28");
    svg.setAttribute("aria-hidden", "true");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z");
    svg.appendChild(path);
    return svg;
  }

  var css = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    ".launcher { position: fixed; bottom: 20px; " + cfg.position + ": 20px; z-index: 2147483000;",
    "  width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer;",
    "  background: var(--c); color: var(--t); box-shadow: 0 4px 14px rgba(0,0,0,.25);",
    "  display: flex; align-items: center; justify-content: center; }",
    ".launcher:focus-visible, button:focus-visible { outline: 3px solid #ffbf47; outline-offset: 2px; }",
    ".panel { position: fixed; bottom: 88px; " + cfg.position + ": 20px; z-index: 2147483000;",
    "  width: min(400px, calc(100vw - 24px)); height: min(600px, calc(100vh - 110px));",
    "  display: flex; flex-direction: column; background: #fff; color: #1b1f24;",
    "  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    "@media (max-width: 480px) { .panel { " + cfg.position + ": 12px; bottom: 80px; height: calc(100vh - 100px); } }",
    "header { display: flex; align-items: center; gap: 8px; padding: 12px 14px; background: var(--c); color: var(--t); }",
    "header h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }",
    "header button { background: transparent; border: 0; color: inherit; font-size: 20px; cursor: pointer; }",
    ".log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; font-size: 14px; line-height: 1.45; }",
    ".msg { max-width: 92%; padding: 8px 11px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; }",
    ".user { align-self: flex-end; background: var(--c); color: var(--t); }",
    ".bot { align-self: flex-start; background: #f1f3f5; }",
    ".bot.error { background: #fdecea; color: #8a1c1c; }",
    ".notice { margin-top: 6px; font-size: 12px; font-style: italic; color: #57606a; }",
    ".ref { border: 0; background: none; color: var(--c); font-weight: 600; cursor: pointer; padding: 0 1px; font-size: inherit; }",
    ".sources { margin-top: 6px; display: flex; flex-direction: column; gap: 4px; white-space: normal; }",
    "details { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 8px; }",
    "summary { cursor: pointer; font-size: 13px; }",
    "blockquote { margin: 6px 0 2px; padding-left: 8px; border-left: 3px solid var(--c); font-size: 13px; white-space: pre-wrap; }",
    ".topics { align-self: flex-start; background: none; border: 1px solid var(--c); color: var(--c); border-radius: 14px; padding: 3px 10px; cursor: pointer; font-size: 13px; }",
    "form { display: flex; gap: 6px; padding: 10px; border-top: 1px solid #e1e4e8; }",
    "textarea { flex: 1; resize: none; height: 40px; padding: 9px; border: 1px solid #c9d1d9; border-radius: 8px; font-size: 14px; }",
    "form button { border: 0; border-radius: 8px; padding: 0 14px; background: var(--c); color: var(--t); cursor: pointer; font-size: 14px; }",
    "form button[disabled] { opacity: .6; cursor: default; }",
  ].join("\n");

  var host = el("div", { id: "mlops-guide-widget" });
  var root = host.attachShadow({ mode: "open" });
  root.appendChild(el("style", {}, css));
  host.style.setProperty("--c", cfg.color);
  host.style.setProperty("--t", cfg.textColor);

  var launcher = el("button", {
    class: "launcher", type: "button", "aria-label": "Open chat: " + cfg.title,
    "aria-expanded": "false", part: "launcher",
  });
  launcher.appendChild(chatIcon());
  var panel = el("section", { class: "panel", role: "dialog", "aria-label": cfg.title, hidden: "" });
  var header = el("header");
  header.appendChild(el("h2", {}, cfg.title));
  var closeBtn = el("button", { type: "button", "aria-label": "Close chat" }, "\u00D7");
  header.appendChild(closeBtn);
  var log = el("div", { class: "log", role: "log", "aria-live": "polite" });
  var form = el("form");
  var input = el("textarea", { "aria-label": "Your question", placeholder: cfg.placeholder, maxlength: "2000" });
  var sendBtn = el("button", { type: "submit" }, "Ask");
  form.appendChild(input);
  form.appendChild(sendBtn);
  panel.appendChild(header);
  panel.appendChild(log);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  log.appendChild(el("div", { class: "msg bot" }, cfg.greeting));
  var topics = el("button", { class: "topics", type: "button" }, "What does the guide cover?");
  log.appendChild(topics);

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeBtn.addEventListener("click", close);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    ask(input.value);
  });
  topics.addEventListener("click", showTopics);

  function add(cls, text) {
    var node = el("div", { class: "msg " + cls }, text);
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }

  function unreachable() {
    return "The assistant cannot be reached from this page. If you run this site, ask the " +
      "assistant's operator to add " + location.origin + " to its allowed origins.";
  }

  async function errorOf(response) {
    try {
      var body = await response.json();
      if (body && typeof body.error === "string") return body.error;
    } catch (_) { /* not JSON */ }
    return "The assistant answered with HTTP " + response.status + ".";
  }

  // Text with [n] markers; each marker becomes a button that opens citation n.
  function renderAnswer(node, answer) {
    node.textContent = "";
    var details = {};
    var sources = el("div", { class: "sources" });
    (answer.citations || []).forEach(function (c) {
      var d = el("details", { "data-n": String(c.n) });
      d.appendChild(el("summary", {}, "[" + c.n + "] " + c.section));
      d.appendChild(el("blockquote", {}, c.quote));
      details[c.n] = d;
      sources.appendChild(d);
    });
    var parts = String(answer.answer).split(/(\[\d+\])/);
    parts.forEach(function (part) {
      var m = /^\[(\d+)\]$/.exec(part);
      if (m && details[m[1]]) {
        var ref = el("button", { class: "ref", type: "button", "aria-label": "Show source " + m[1] }, part);
        ref.addEventListener("click", function () {
          var d = details[m[1]];
          d.open = !d.open;
          if (d.open) d.scrollIntoView({ block: "nearest" });
        });
        node.appendChild(ref);
      } else {
        node.appendChild(document.createTextNode(part));
      }
    });
    (answer.notices || []).forEach(function (notice) {
      node.appendChild(el("div", { class: "notice" }, notice));
    });
    if (sources.childNodes.length) node.appendChild(sources);
  }

  // Reads a text/event-stream body: calls onEvent(name, parsedData) per event.
  async function readEvents(response, onEvent) {
    var reader = response.body.getReader();
    var decoder = new TextDecoder();
    var buffer = "";
    for (;;) {
      var chunk = await reader.read();
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true }).replace(/\r\n?/g, "\n");
      var cut;
      while ((cut = buffer.indexOf("\n\n")) >= 0) {
        var frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        var name = "message", lines = [];
        frame.split("\n").forEach(function (line) {
          if (line.indexOf("event:") === 0) name = line.slice(6).trim();
          else if (line.indexOf("data:") === 0) lines.push(line.slice(5).replace(/^ /, ""));
        });
        if (lines.length) onEvent(name, JSON.parse(lines.join("\n")));
      }
    }
  }

  async function ask(text) {
    var question = String(text || "").trim();
    if (!question || busy) return;
    busy = true;
    sendBtn.disabled = true;
    input.value = "";
    add("user", question);
    var bot = add("bot", "\u2026");
    var written = "";
    var final = null;
    try {
      var response = await fetch(base + "api/ask/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: question, history: history.slice(-MAX_HISTORY) }),
      });
      if (!response.ok) throw new Error(await errorOf(response));
      await readEvents(response, function (name, payload) {
        if (name === "delta") {
          written += payload.text;
          bot.textContent = written;
        } else if (name === "answer") {
          final = payload;
          renderAnswer(bot, payload);
        } else if (name === "error") {
          throw new Error(payload.error);
        }
        log.scrollTop = log.scrollHeight;
      });
      if (!final) throw new Error("The answer was cut off; please ask again.");
      history.push({ role: "user", content: question }, { role: "assistant", content: final.answer });
    } catch (err) {
      bot.classList.add("error");
      bot.textContent = err instanceof TypeError ? unreachable() : String(err.message || err);
    } finally {
      busy = false;
      sendBtn.disabled = false;
      log.scrollTop = log.scrollHeight;
    }
  }

  async function showTopics() {
    var bot = add("bot", "\u2026");
    try {
      var response = await fetch(base + "api/sections");
      if (!response.ok) throw new Error(await errorOf(response));
      var toc = await response.json();
      bot.textContent = "The guide covers:\n" + toc.sections.map(function (s) {
        return "  ".repeat(s.path.length - 1) + "\u2022 " + s.title;
      }).join("\n");
    } catch (err) {
      bot.classList.add("error");
      bot.textContent = err instanceof TypeError ? unreachable() : String(err.message || err);
    }
  }

  function mount() {
    document.body.appendChild(host);
    if (cfg.open) open();
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.MLOpsGuideWidget = { open: open, close: close, ask: ask };
})();
