// Inline feedback on passages. Offsets index the canonical text of masthead/inline/text.py.
(() => {
  const body = document.querySelector("[data-article-body]");
  const data = document.getElementById("inline-data");
  if (!body || !data) return;
  const cfg = JSON.parse(data.textContent),
    t = cfg.t;
  const form = document.querySelector("form[data-form]");
  const box = form?.querySelector("[data-inline-quote]");
  const SKIP = "script,style,noscript,template,iframe,figure,[data-inline-ui]";
  const make = (tag, cls, text) => {
    const e = document.createElement(tag);
    e.className = cls;
    e.dataset.inlineUi = "";
    if (tag === "button") e.type = "button";
    if (text) e.textContent = text;
    return e;
  };

  // The text, and per text node the text index of each UTF-16 unit (-1: collapsed space).
  function canon() {
    const nodes = [],
      walk = document.createTreeWalker(body, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => (n.parentElement.closest(SKIP) ? 2 : 1),
      });
    let text = "",
      gap = false;
    // biome-ignore lint/suspicious/noAssignInExpressions: the TreeWalker idiom (stop at null)
    for (let n; (n = walk.nextNode()); ) {
      const map = [],
        d = n.data;
      for (let i = 0; i < d.length; i++) {
        if ("\t\n\f\r ".includes(d[i])) {
          gap = gap || text !== "";
          map.push(-1);
          continue;
        }
        if (gap) {
          text += " ";
          gap = false;
        }
        map.push(text.length);
        text += d[i];
      }
      nodes.push({ n, map });
    }
    return { text, nodes };
  }
  window.inlineText = () => canon().text; // tested against the server's
  // Python counts code points, the DOM UTF-16 units.
  const cp = (text, u) => [...text.slice(0, u)].length;
  const unit = (text, c) => [...text].slice(0, c).join("").length;

  function fromRange(r, c) {
    let s = -1,
      e = -1;
    for (const { n, map } of c.nodes) {
      if (!r.intersectsNode(n)) continue;
      const a = n === r.startContainer ? r.startOffset : 0,
        b = n === r.endContainer ? r.endOffset : n.length;
      for (let i = a; i < b; i++)
        if (map[i] >= 0) {
          if (s < 0) s = map[i];
          e = map[i] + 1;
        }
    }
    return s < 0 ? null : [s, e];
  }

  // Choosing a passage by selecting it.
  const bubble = make("div", "inline-bubble"),
    ask = make("button", "inline-ask", t.ask);
  const note = make("span", "inline-note");
  note.setAttribute("role", "status");
  bubble.append(ask, note);
  bubble.hidden = true;
  bubble.addEventListener("mousedown", (ev) => ev.preventDefault()); // keep the selection
  document.body.append(bubble);
  let chosen = null,
    span = null;

  function onSelection() {
    const sel = getSelection();
    if (!form || !sel.rangeCount) return;
    if (sel.isCollapsed) {
      if (!bubble.contains(document.activeElement)) bubble.hidden = true;
      return;
    }
    const r = sel.getRangeAt(0);
    const inStart = body.contains(r.startContainer),
      inEnd = body.contains(r.endContainer);
    if (!inStart && !inEnd) return;
    chosen = { r: r.cloneRange(), inside: inStart && inEnd };
    note.textContent = "";
    const rect = r.getBoundingClientRect();
    bubble.hidden = false;
    bubble.style.top = `${rect.bottom + scrollY + 6}px`;
    bubble.style.left = `${Math.max(8, rect.left + scrollX)}px`;
  }
  // Not mid-drag: the bubble would get in the way.
  let dragging = false;
  document.addEventListener("pointerdown", (ev) => {
    dragging = !bubble.contains(ev.target);
  });
  document.addEventListener("pointerup", (ev) => {
    dragging = false;
    if (!bubble.contains(ev.target)) setTimeout(onSelection);
  });
  document.addEventListener("selectionchange", () => {
    clearTimeout(onSelection.t);
    if (!dragging) onSelection.t = setTimeout(onSelection, 150);
  });
  ask.addEventListener("click", () => {
    clearTimeout(onSelection.t); // read now; a pending read would wipe the note set below
    onSelection();
    const c = canon(),
      found = chosen?.inside && fromRange(chosen.r, c);
    if (!found) {
      note.textContent = t.outside;
      return;
    }
    if (choose(c.text, found[0], found[1], "")) bubble.hidden = true;
  });

  function choose(text, s, e, prompt) {
    const start = cp(text, s),
      end = cp(text, e);
    if (end - start > cfg.max) {
      note.textContent = t.long;
      return false;
    }
    span = { text, s, e };
    fill(text.slice(s, e), start, end, prompt);
    box.querySelector("textarea").value = text.slice(s, e);
    box.hidden = false;
    form.scrollIntoView({ block: "start" });
    form.elements.body.focus();
    return true;
  }
  function fill(exact, start, end, prompt) {
    const el = form.elements;
    el.inline_exact.value = exact;
    el.inline_start.value = exact ? start : "";
    el.inline_end.value = exact ? end : "";
    el.inline_revision.value = exact ? cfg.rev || "" : "";
    el.inline_prompt.value = prompt;
  }
  if (box) {
    // Shortening the quote narrows a paragraph to a passage (the keyboard route).
    box.querySelector("textarea").addEventListener("input", (ev) => {
      const v = ev.target.value.replace(/[\t\n\f\r ]+/g, " ").replace(/^ | $/g, ""),
        at = span.text.indexOf(v, span.s);
      const ok = v && at >= 0 && at + v.length <= span.e;
      ev.target.setCustomValidity(ok ? "" : t.mismatch);
      box.querySelector("[data-inline-hint]").textContent = ok ? "" : t.mismatch;
      if (ok) fill(v, cp(span.text, at), cp(span.text, at + v.length), form.elements.inline_prompt.value);
    });
    box.querySelector("[data-inline-clear]").addEventListener("click", clear);
    const thread = document.querySelector("[data-thread]");
    if (thread)
      new MutationObserver(() => {
        if (!form.elements.body.value) clear();
      }).observe(thread, { childList: true, subtree: true });
  }
  function clear() {
    fill("", 0, 0, "");
    box.hidden = true;
    box.querySelector("textarea").setCustomValidity("");
  }

  // The keyboard route: a mode that puts a button after every paragraph.
  const mode = make("button", "inline-mode", t.mode);
  mode.setAttribute("aria-pressed", "false");
  if (form) body.before(mode);
  mode.addEventListener("click", () => {
    const on = mode.getAttribute("aria-pressed") !== "true";
    mode.setAttribute("aria-pressed", on);
    body.querySelectorAll(".inline-para").forEach((b) => {
      b.remove();
    });
    if (!on) return;
    for (const block of body.querySelectorAll("p,li,h2,h3")) {
      const b = make("button", "inline-para", t.para);
      b.addEventListener("click", () => pick(block, ""));
      block.append(b);
    }
  });
  function pick(el, prompt) {
    const r = document.createRange(),
      c = canon();
    r.selectNodeContents(el);
    const found = fromRange(r, c);
    if (found) choose(c.text, found[0], found[1], prompt);
  }

  // Editor-placed prompts: answered in place.
  for (const p of form ? body.querySelectorAll("[data-feedback-prompt]") : []) {
    const q = p.dataset.feedbackPrompt,
      b = make("button", "inline-prompt", t.answer.replace("%(question)s", q));
    b.addEventListener("click", () => pick(p, q));
    p.after(b);
  }

  // Highlights at the stored positions (never re-anchored here).
  const list = document.querySelector("[data-inline-feedbacks]");
  cfg.passages.forEach((passage, i) => {
    const c = canon(),
      s = unit(c.text, passage.s),
      e = unit(c.text, passage.e);
    let last = null;
    for (const { n, map } of c.nodes) {
      const a = map.findIndex((v) => v >= s && v < e);
      if (a < 0) continue;
      const b = map.findLastIndex((v) => v >= s && v < e) + 1;
      const piece = a > 0 ? n.splitText(a) : n;
      if (b - a < piece.length) piece.splitText(b - a);
      last = document.createElement("mark");
      last.className = "inline-mark";
      piece.before(last);
      last.append(piece);
    }
    if (!last) return;
    const count = make("button", "inline-count");
    count.id = `inline-p${i}`;
    count.setAttribute("aria-expanded", "false");
    count.setAttribute("aria-label", passage.label);
    count.textContent = passage.ids.length;
    last.after(count);
    count.addEventListener("click", () => toggle(count, passage));
    const quote = c.text.slice(s, e);
    for (const id of passage.ids) {
      const head = document.querySelector(`#comment-${id} .c-head`),
        ref = make("a", "inline-ref", quote);
      if (head) head.after(ref);
      const link = list?.querySelector(`#inline-c-${id} [data-passage-link]`);
      for (const a of [ref, link]) if (a) a.href = `#${count.id}`;
    }
  });
  document.addEventListener("click", (ev) => {
    const a = ev.target.closest('a[href^="#inline-p"]');
    if (!a) return;
    ev.preventDefault();
    const target = document.querySelector(a.getAttribute("href"));
    target.scrollIntoView({ block: "center" });
    target.focus();
  });

  function toggle(count, passage) {
    const open = count.getAttribute("aria-expanded") !== "true";
    count.setAttribute("aria-expanded", open);
    const host = count.closest("p,li,h2,h3,blockquote,figure") || count;
    let panel = document.getElementById(`${count.id}-c`);
    if (!open) {
      if (panel) panel.hidden = true;
      return;
    }
    if (!panel) {
      panel = make("ol", "inline-panel");
      panel.id = `${count.id}-c`;
      panel.setAttribute("aria-label", passage.label);
      for (const id of passage.ids) {
        const item = list?.querySelector(`#inline-c-${id}`);
        if (item) {
          const copy = item.cloneNode(true);
          copy.removeAttribute("id");
          panel.append(copy);
        }
      }
      host.after(panel);
      count.setAttribute("aria-controls", panel.id);
    }
    panel.hidden = false;
  }

  const sort = document.querySelector(".discussion .d-sort");
  if (list && sort) sort.after(list);
})();
