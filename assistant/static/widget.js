/*
 * MLOps career guide assistant: embeddable chat widget.
 *
 *   <script src="https://YOUR-ASSISTANT/widget.js" defer
 *           data-title="Ask the MLOps career guide"
 *           data-position="bottom-right"            (or "bottom-left")
 *           data-offset="20 20"                      (px from the side and the bottom)
 *           data-color="#1f6feb"                     (button, header and your messages)
 *           data-text-color="#ffffff"                (text on that colour)
 *           data-greeting="Hi! Ask me about ..."     (first message in the panel)
 *           data-examples="First question|Second"    (example questions, "|" between them)
 *           data-open="false"></script>              ("true" opens the panel on load)
 *
 * Self-contained: no dependencies, nothing fetched but this server's /api/ask/stream,
 * /api/sections and /api/feedback. Its DOM lives in a shadow root, so the host page's CSS does
 * not leak in and ours does not leak out. Every text from the user or the server is inserted with
 * textContent, never as HTML. The server answers only origins on its allowlist
 * (ASSISTANT_ALLOWED_ORIGINS). The conversation is kept in sessionStorage, so it survives a
 * reload of the host page (and ends with the tab).
 */
(function () {
  "use strict";
  if (window.MLOpsGuideWidget) return; // included twice: keep the first

  var script = document.currentScript || document.querySelector('script[src*="widget.js"]');
  var data = (script && script.dataset) || {};
  var base = data.api ? data.api.replace(/\/?$/, "/")
    : new URL(".", (script && script.src) || location.href).href;
  var offset = String(data.offset || "").trim().split(/\s+/).map(Number);
  var cfg = {
    title: data.title || "Ask the MLOps career guide",
    position: data.position === "bottom-left" ? "left" : "right",
    side: offset.length === 2 && isFinite(offset[0]) ? Math.max(0, offset[0]) : 20,
    bottom: isFinite(offset[offset.length - 1]) && data.offset
      ? Math.max(0, offset[offset.length - 1]) : 20,
    color: safeColor(data.color, "#1f6feb"),
    textColor: safeColor(data.textColor, "#ffffff"),
    greeting: data.greeting ||
      "Ask me about becoming and working as an MLOps Engineer. Every answer quotes the guide.",
    placeholder: data.placeholder || "Type your question",
    examples: (data.examples != null ? data.examples.split("|") : [
      "What skills does an MLOps engineer need?",
      "What cloud ML certifications are there?",
      "Which tools are used for model serving?",
    ]).map(function (q) { return q.trim(); }).filter(Boolean).slice(0, 5),
    open: data.open === "true",
  };
  var STORE = "mlops-guide-widget:" + base;
  var MAX_HISTORY = 10; // messages sent back as context
  var turns = [];       // {question, answer (the API's JSON) | null, error, rating}
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

  function icon(d, size, flip) { // drawn, so that no emoji font is needed
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (flip) svg.style.transform = "rotate(180deg)";
    var path = document.createElementNS(ns, "path");
    path.setAttribute("fill", "currentColor");
    path.setAttribute("d", d);
    svg.appendChild(path);
    return svg;
  }
  var CHAT = "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H9l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01zm5 0a1.5 1.5 0 1 0 0 .01z";
  var THUMB = "M2 21h4V9H2v12zm20-11a2 2 0 0 0-2-2h-6.3l1-4.6v-.3c0-.4-.2-.8-.5-1.1L13.2 1 6.6 7.6C6.2 8 6 8.5 6 9v10a2 2 0 0 0 2 2h9c.8 0 1.5-.5 1.8-1.2l3-7c.1-.3.2-.5.2-.8v-2z";

  var side = cfg.position + ": " + cfg.side + "px; ";
  var css = [
    ":host { all: initial; }",
    "* { box-sizing: border-box; font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; }",
    ".launcher { position: fixed; bottom: " + cfg.bottom + "px; " + side + "z-index: 2147483000;",
    "  width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer;",
    "  background: var(--c); color: var(--t); box-shadow: 0 4px 14px rgba(0,0,0,.25);",
    "  display: flex; align-items: center; justify-content: center; }",
    "button, a, textarea { outline-offset: 2px; }",
    "button:focus-visible, a:focus-visible, textarea:focus-visible { outline: 3px solid #0b57d0; box-shadow: 0 0 0 5px #fff; }",
    ".launcher:focus-visible { outline: 3px solid #0b57d0; }",
    ".panel { position: fixed; bottom: " + (cfg.bottom + 68) + "px; " + side + "z-index: 2147483000;",
    "  width: min(400px, calc(100vw - 24px)); height: min(620px, calc(100vh - " + (cfg.bottom + 88) + "px));",
    "  display: flex; flex-direction: column; background: #fff; color: #1b1f24;",
    "  border-radius: 12px; box-shadow: 0 8px 30px rgba(0,0,0,.3); overflow: hidden; }",
    ".panel[hidden] { display: none; }",
    "@media (max-width: 480px) { .panel { " + cfg.position + ": 12px; width: calc(100vw - 24px); } }",
    ".head { display: flex; align-items: center; gap: 4px; padding: 4px 4px 4px 14px; background: var(--c); color: var(--t); }",
    ".head h2 { flex: 1; margin: 0; font-size: 16px; font-weight: 600; }",
    ".head button { background: transparent; border: 0; color: inherit; cursor: pointer;",
    "  min-width: 44px; min-height: 44px; font-size: 15px; border-radius: 8px; }",
    ".head button:focus-visible { outline-color: var(--t); box-shadow: none; }",
    ".head .close { font-size: 24px; line-height: 1; }",
    ".log { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; font-size: 15px; line-height: 1.5; }",
    ".turn { display: flex; flex-direction: column; gap: 10px; }",
    ".turn:last-child { min-height: calc(100% - 8px); }",
    ".msg { max-width: 92%; padding: 8px 11px; border-radius: 10px; white-space: pre-wrap; overflow-wrap: anywhere; margin: 0; }",
    ".user { align-self: flex-end; background: var(--c); color: var(--t); }",
    ".bot { align-self: stretch; max-width: 100%; background: #f2f4f7; }",
    ".bot.error { background: #fdecea; color: #7d1a1a; }",
    ".notice { margin-top: 6px; font-style: italic; color: #3d4450; }",
    ".ref { display: inline-flex; align-items: center; justify-content: center; min-width: 44px; min-height: 44px;",
    "  margin: -12px -6px; padding: 0 4px; vertical-align: middle; border: 0; border-radius: 8px;",
    "  background: none; color: #0b57d0; font-weight: 600; cursor: pointer; font-size: inherit; }",
    ".ref[aria-expanded=true] { background: #dbe6fb; }",
    ".sources { margin-top: 8px; border-top: 1px solid #c9d0da; padding-top: 4px; white-space: normal; font-size: 14px; }",
    ".sources h3 { margin: 0; font-size: 14px; color: #3d4450; }",
    ".group h4 { margin: 0; font-size: 14px; font-weight: 600; }",
    ".group a { display: inline-flex; align-items: center; min-height: 44px; color: #0b57d0; }",
    ".group .nums { color: #3d4450; font-weight: 400; }",
    ".group ul { list-style: none; margin: 0; padding: 0; }",
    "blockquote { margin: 2px 0 6px; padding-left: 8px; border-left: 3px solid var(--c); white-space: pre-wrap; }",
    ".sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }",
    ".chips { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; align-items: flex-start; gap: 6px; white-space: normal; }",
    ".chip { min-height: 44px; background: #fff; border: 1px solid #0b57d0; color: #0b57d0; border-radius: 22px;",
    "  padding: 6px 12px; cursor: pointer; font-size: 14px; text-align: left; }",
    ".rate { display: flex; align-items: center; gap: 6px; margin-top: 6px; white-space: normal; }",
    ".thumb { display: inline-flex; align-items: center; justify-content: center; min-width: 44px; min-height: 44px;",
    "  border: 1px solid #8a94a3; border-radius: 22px; background: #fff; color: #1b1f24; cursor: pointer; }",
    ".thumb[aria-pressed=true] { background: #1f5fbf; border-color: #1f5fbf; color: #fff; }",
    ".thanks { color: #1f5130; margin: 0; }",
    "form { display: flex; flex-direction: column; gap: 4px; padding: 8px 10px 10px; border-top: 1px solid #e1e4e8; }",
    ".row { display: flex; gap: 6px; }",
    "textarea { flex: 1; resize: none; height: 44px; padding: 10px; border: 1px solid #6b7583; border-radius: 8px; font-size: 15px; }",
    "form button { min-width: 56px; min-height: 44px; border: 0; border-radius: 8px; padding: 0 14px; background: var(--c); color: var(--t); cursor: pointer; font-size: 15px; }",
    "form button[disabled] { opacity: .6; cursor: default; }",
    ".hint { margin: 0; font-size: 14px; color: #7d1a1a; }",
    ".hint:empty { display: none; }",
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
  launcher.appendChild(icon(CHAT, 28));
  // A dialog, not a landmark: the host page keeps its own banner and regions.
  var panel = el("div", { class: "panel", role: "dialog", "aria-label": cfg.title, hidden: "" });
  var head = el("div", { class: "head" });
  head.appendChild(el("h2", {}, cfg.title));
  var newBtn = el("button", { type: "button", class: "new" }, "New chat");
  var closeBtn = el("button", { type: "button", class: "close", "aria-label": "Close chat" }, "\u00D7");
  head.appendChild(newBtn);
  head.appendChild(closeBtn);
  var log = el("div", { class: "log", role: "log", "aria-label": "Conversation" });
  var form = el("form");
  var row = el("div", { class: "row" });
  var input = el("textarea", { "aria-label": "Your question", placeholder: cfg.placeholder, maxlength: "2000" });
  var sendBtn = el("button", { type: "submit" }, "Ask");
  var hint = el("p", { class: "hint", role: "status" });
  row.appendChild(input);
  row.appendChild(sendBtn);
  form.appendChild(row);
  form.appendChild(hint);
  panel.appendChild(head);
  panel.appendChild(log);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  function save() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ open: !panel.hidden, turns: turns }));
    } catch (_) { /* storage full or blocked: the conversation just does not survive a reload */ }
  }

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE) || "null");
      if (saved && Array.isArray(saved.turns)) {
        turns = saved.turns.filter(function (t) {
          return t && typeof t.question === "string" &&
            (t.answer === null || (t.answer && typeof t.answer.answer === "string"));
        });
        return saved.open === true;
      }
    } catch (_) { /* nothing kept, or not ours */ }
    return false;
  }

  // Buttons in a list: each {label, run} item runs when clicked (asks, or shows the contents).
  function chips(items) {
    var list = el("ul", { class: "chips" });
    items.forEach(function (item) {
      var li = el("li");
      var b = el("button", { type: "button", class: "chip" }, item.label);
      b.addEventListener("click", item.run);
      li.appendChild(b);
      list.appendChild(li);
    });
    return list;
  }
  function asking(label, question) {
    return { label: label, run: function () { ask(question); } };
  }

  function drawWelcome() {
    log.appendChild(el("p", { class: "msg bot" }, cfg.greeting));
    var items = cfg.examples.map(function (q) { return asking(q, q); });
    var list = chips(items.concat([{ label: "What does the guide cover?", run: showTopics }]));
    list.lastChild.firstChild.classList.add("topics");
    log.appendChild(list);
  }

  function drawAll() {
    log.textContent = "";
    drawWelcome();
    turns.forEach(function (t, i) { drawTurn(t, i); });
  }

  function drawTurn(t, i) {
    var turn = el("div", { class: "turn" });
    var q = el("p", { class: "msg user" }, t.question);
    turn.appendChild(q);
    var bot = el("div", { class: "msg bot" });
    if (t.error) {
      bot.classList.add("error");
      bot.textContent = t.error;
    } else if (t.answer) {
      renderAnswer(bot, t, i);
    } else {
      bot.textContent = "\u2026";
    }
    turn.appendChild(bot);
    log.appendChild(turn);
    return { question: q, bot: bot };
  }

  // Scroll the log, never the host page: a new question to the top (the last turn is at least
  // as tall as the log, so there is room), an opened quote into view.
  function toTop(node) {
    log.scrollTop += node.getBoundingClientRect().top - log.getBoundingClientRect().top - 8;
  }
  function reveal(node) {
    var below = node.getBoundingClientRect().bottom - log.getBoundingClientRect().bottom;
    if (below > 0) log.scrollTop += below + 8;
  }

  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    input.focus();
    save();
  }
  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    launcher.focus();
    save();
  }
  function newChat() {
    if (busy) return;
    turns = [];
    hint.textContent = "";
    drawAll();
    save();
    input.focus();
  }
  launcher.addEventListener("click", function () { panel.hidden ? open() : close(); });
  closeBtn.addEventListener("click", close);
  newBtn.addEventListener("click", newChat);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") close(); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); form.requestSubmit(); }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    ask(input.value);
  });

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

  function sectionUrl(id, quotes) {
    return base + "sections/" + encodeURI(id) + "?" + quotes.map(function (q) {
      return "quote=" + encodeURIComponent(q);
    }).join("&");
  }

  // Text with [n] markers; each marker is a button that opens the quote of citation n, shown
  // under its section's heading (one heading per section, a link to the section in the guide).
  function renderAnswer(node, t, i) {
    var answer = t.answer;
    node.textContent = "";
    var quotes = {};
    var groups = {};
    var order = [];
    (answer.citations || []).forEach(function (c) {
      if (!groups[c.section]) { groups[c.section] = []; order.push(c.section); }
      groups[c.section].push(c);
    });
    var sources = el("div", { class: "sources" });
    sources.appendChild(el("h3", {}, "Sources"));
    order.forEach(function (section) {
      var cites = groups[section];
      var group = el("section", { class: "group" });
      var h = el("h4");
      var link = el("a", { href: sectionUrl(cites[0].section_id || "", cites.map(function (c) {
        return c.quote;
      })), target: "_blank", rel: "noopener" }, section);
      h.appendChild(link);
      h.appendChild(document.createTextNode(" "));
      h.appendChild(el("span", { class: "nums" }, cites.map(function (c) {
        return "[" + c.n + "]";
      }).join(", ")));
      group.appendChild(h);
      var list = el("ul");
      cites.forEach(function (c) {
        var li = el("li", { id: "w" + i + "-q" + c.n, hidden: "" });
        var quote = el("blockquote");
        quote.appendChild(el("span", { class: "sr-only" }, "[" + c.n + "] "));
        quote.appendChild(document.createTextNode(c.quote));
        li.appendChild(quote);
        list.appendChild(li);
        quotes[c.n] = li;
      });
      group.appendChild(list);
      sources.appendChild(group);
    });
    var text = el("p", { class: "text" });
    text.style.margin = "0";
    String(answer.answer).split(/(\[\d+\])/).forEach(function (part) {
      var m = /^\[(\d+)\]$/.exec(part);
      var c = m && (answer.citations || []).filter(function (x) { return String(x.n) === m[1]; })[0];
      if (c && quotes[m[1]]) {
        var ref = el("button", {
          class: "ref", type: "button", "aria-expanded": "false",
          "aria-controls": "w" + i + "-q" + m[1], "aria-label": "Source " + m[1] + ": " + c.section,
        }, part);
        ref.addEventListener("click", function () {
          var li = quotes[m[1]];
          var on = li.hidden;
          li.hidden = !on;
          node.querySelectorAll('[aria-controls="' + li.id + '"]').forEach(function (b) {
            b.setAttribute("aria-expanded", String(on));
          });
          if (on) reveal(li);
        });
        text.appendChild(ref);
      } else {
        text.appendChild(document.createTextNode(part));
      }
    });
    node.appendChild(text);
    (answer.notices || []).forEach(function (notice) {
      node.appendChild(el("p", { class: "notice" }, notice));
    });
    if (answer.refused && (answer.nearest_sections || []).length) {
      node.appendChild(el("p", { class: "notice" }, "Ask about one of the nearest sections instead:"));
      node.appendChild(chips(answer.nearest_sections.map(function (s) {
        return asking(s, "What does the guide say about " + s.split(" > ").pop() + "?");
      })));
    }
    if (order.length) node.appendChild(sources);
    if (!t.contents) node.appendChild(rating(t));
  }

  function rating(t) {
    var box = el("div", { class: "rate", role: "group", "aria-label": "Rate this answer" });
    var thanks = el("p", { class: "thanks", role: "status" }, t.rating ? "Thanks for the feedback." : "");
    [["up", "Helpful"], ["down", "Not helpful"]].forEach(function (r) {
      var b = el("button", {
        type: "button", class: "thumb", "aria-label": r[1], "aria-pressed": String(t.rating === r[0]),
      });
      b.appendChild(icon(THUMB, 20, r[0] === "down"));
      b.addEventListener("click", function () { rate(t, r[0], box, thanks); });
      box.appendChild(b);
    });
    box.appendChild(thanks);
    return box;
  }

  // One rating per answer, stored by POST /api/feedback with the answer it rates.
  async function rate(t, value, box, thanks) {
    if (t.rating) return;
    t.rating = value;
    box.querySelectorAll(".thumb").forEach(function (b, k) {
      b.setAttribute("aria-pressed", String((k === 0 ? "up" : "down") === value));
    });
    try {
      var response = await fetch(base + "api/feedback", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          rating: value, question: t.question, answer: t.answer.answer,
          citations: t.answer.citations || [], guide_version: t.answer.guide_version || null,
        }),
      });
      if (!response.ok) throw new Error(await errorOf(response));
      thanks.textContent = "Thanks for the feedback.";
      save();
    } catch (err) {
      t.rating = null;
      box.querySelectorAll(".thumb").forEach(function (b) { b.setAttribute("aria-pressed", "false"); });
      thanks.textContent = err instanceof TypeError ? unreachable() : String(err.message || err);
    }
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

  function historyOf() {
    var history = [];
    turns.forEach(function (t) {
      if (t.answer && !t.contents) {
        history.push({ role: "user", content: t.question }, { role: "assistant", content: t.answer.answer });
      }
    });
    return history.slice(-MAX_HISTORY);
  }

  async function ask(text) {
    var question = String(text || "").trim();
    if (busy) return;
    if (!question) { // an empty submit only hints
      hint.textContent = "Type a question first, or pick one of the examples.";
      input.focus();
      return;
    }
    if (panel.hidden) open();
    hint.textContent = "";
    busy = true;
    sendBtn.disabled = true;
    input.value = "";
    var history = historyOf();
    var t = { question: question, answer: null, error: null, rating: null };
    turns.push(t);
    var shown = drawTurn(t, turns.length - 1);
    toTop(shown.question);
    var written = "";
    try {
      var response = await fetch(base + "api/ask/stream", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
        body: JSON.stringify({ question: question, history: history }),
      });
      if (!response.ok) throw new Error(await errorOf(response));
      await readEvents(response, function (name, payload) {
        if (name === "delta") {
          written += payload.text;
          shown.bot.textContent = written;
        } else if (name === "answer") {
          t.answer = payload;
          renderAnswer(shown.bot, t, turns.length - 1);
        } else if (name === "error") {
          throw new Error(payload.error);
        }
      });
      if (!t.answer) throw new Error("The answer was cut off; please ask again.");
    } catch (err) {
      t.error = err instanceof TypeError ? unreachable() : String(err.message || err);
      shown.bot.classList.add("error");
      shown.bot.textContent = t.error;
    } finally {
      busy = false;
      sendBtn.disabled = false;
      save();
    }
  }

  async function showTopics() {
    var t = { question: "What does the guide cover?", answer: null, error: null, contents: true };
    turns.push(t);
    var shown = drawTurn(t, turns.length - 1);
    toTop(shown.question);
    try {
      var response = await fetch(base + "api/sections");
      if (!response.ok) throw new Error(await errorOf(response));
      var toc = await response.json();
      t.answer = { answer: "The guide covers:\n" + toc.sections.map(function (s) {
        return "  ".repeat(s.path.length - 1) + "\u2022 " + s.title;
      }).join("\n"), citations: [] };
      renderAnswer(shown.bot, t, turns.length - 1);
    } catch (err) {
      t.error = err instanceof TypeError ? unreachable() : String(err.message || err);
      shown.bot.classList.add("error");
      shown.bot.textContent = t.error;
    }
    save();
  }

  function mount() {
    document.body.appendChild(host);
    var wasOpen = load();
    drawAll();
    if (cfg.open || wasOpen) open();
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);

  window.MLOpsGuideWidget = { open: open, close: close, ask: ask, newChat: newChat };
})();
