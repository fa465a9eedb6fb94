// The discussion, enhanced in place: posting, replies, votes, sorting, paging, editing, the live
// notice and the invitation. Everything here also works as plain links and forms without it.
(() => {
  "use strict";
  const root = document.querySelector("[data-discussion]");
  if (!root) return;
  const pageId = root.dataset.page;
  // The edition's prefix (/ar/comments/…) keeps answers in the reader's language.
  const base = (root.dataset.base || `/comments/${pageId}/thread/`).replace(/thread\/$/, "");
  const list = root.querySelector("[data-thread]");
  const form = root.querySelector("[data-form]");
  const text = (key) => root.dataset[`t${key[0].toUpperCase()}${key.slice(1)}`] || "";
  const store = {
    get: (k) => {
      try {
        return localStorage.getItem(k);
      } catch (_e) {
        return null;
      }
    },
    set: (k, v) => {
      try {
        localStorage.setItem(k, v);
      } catch (_e) {
        /* private mode */
      }
    },
  };
  const headers = { "X-Masthead-Fragment": "1" };
  const fragment = (html) => document.createRange().createContextualFragment(html);
  const byId = (id) => root.querySelector(`#comment-${id}`);

  async function post(url, data) {
    const response = await fetch(url, { method: "POST", body: data, headers, credentials: "same-origin" });
    let body = {};
    try {
      body = await response.json();
    } catch (_e) {
      /* empty answer */
    }
    return { ok: response.ok, status: response.status, body };
  }

  async function get(url) {
    const response = await fetch(url, { headers, credentials: "same-origin" });
    return response.ok ? response : null;
  }

  // --- the count ---------------------------------------------------------------------------
  async function setCount(n) {
    root.dataset.count = n;
    const h = root.querySelector("#comments-count");
    h.textContent = (n === 1 ? text("one") : text("many")).replace("__N__", n);
    // Languages have more plural forms than two (Arabic six): the server's label is exact.
    const response = await fetch(`${base}poll/?seen=${n}`);
    const state = response.ok ? await response.json() : {};
    if (state.count === n && Number(root.dataset.count) === n) h.textContent = state.label;
  }

  // --- sorting and paging ------------------------------------------------------------------
  function setMore(cursor, sort) {
    let more = root.querySelector("[data-more]");
    if (!cursor) {
      if (more) more.parentNode.remove();
      return;
    }
    if (!more) {
      const p = document.createElement("p");
      p.className = "d-more";
      p.innerHTML = `<a data-more>${text("more")}</a>`;
      list.after(p);
      more = p.firstChild;
    }
    more.dataset.more = cursor;
    more.href = `?sort=${sort}&cursor=${cursor}#comments`;
  }

  async function loadPage(sort, cursor) {
    const response = await get(`${base}thread/?sort=${sort}&cursor=${cursor || ""}`);
    if (!response) return;
    const html = await response.text();
    if (!cursor) list.replaceChildren();
    list.append(fragment(html));
    setMore(response.headers.get("X-Next-Cursor"), sort);
    markVotes();
  }

  function chooseSort(sort, remember) {
    root.dataset.sort = sort;
    root.querySelectorAll("[data-sort]").forEach((a) => {
      if (a.tagName !== "A") return;
      if (a.dataset.sort === sort) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    });
    if (remember) store.set("mh-sort", sort);
    return loadPage(sort, "");
  }

  // --- per-reader state --------------------------------------------------------------------
  let mine = { votes: {}, own: [] };
  function markVotes() {
    root.querySelectorAll(".c-vote [data-vote]").forEach((b) => {
      const id = b.closest(".c").dataset.id;
      b.setAttribute("aria-pressed", String(mine.votes[id] === Number(b.dataset.vote)));
    });
    for (const c of mine.own) {
      const li = byId(c.id);
      if (li && c.editable && !li.querySelector("[data-edit]")) {
        li.querySelector(".c-foot").insertAdjacentHTML(
          "beforeend",
          `<a class="c-edit" href="${base.split("comments/")[0]}comments/c/${c.id}/edit/" data-edit="${c.id}">${text("edit")}</a> ` +
            `<a class="c-del" href="${base.split("comments/")[0]}comments/c/${c.id}/delete/" data-delete="${c.id}">${text("del")}</a>`,
        );
      }
    }
  }

  function place(html, parentId) {
    const node = fragment(html).firstElementChild;
    const parent = parentId && byId(parentId);
    if (parent) {
      const replies = parent.querySelector(":scope > .c-replies");
      if (replies) replies.append(node);
      else parent.after(node);
    } else {
      list.prepend(node);
    }
    return node;
  }

  // The page is the same for every reader: a signed-in one is told so here, and posts under
  // their account's name (the server ignores the guest fields for them).
  function showSignedIn(user) {
    const line = form?.querySelector("[data-signed-in]");
    const who = form?.querySelector("[data-who]");
    if (!line || !user) return;
    line.querySelector("bdi").textContent = user.name;
    line.hidden = false;
    if (who) who.remove();
  }

  async function loadMine() {
    const response = await get(`${base}me/`);
    if (!response) return;
    mine = await response.json();
    showSignedIn(mine.user);
    for (const c of mine.own) {
      if (c.html && !byId(c.id)) place(c.html, c.parent);
    }
    markVotes();
  }

  // --- the form: remembered name, start token, posting, replying ---------------------------
  const fields = ["author_name", "author_email", "author_url"];
  const home = form && document.createComment("form");
  function prepareForm() {
    if (!form) return;
    form.before(home);
    for (const name of fields) {
      const input = form.elements[name];
      if (input && !input.value) input.value = store.get(`mh-${name}`) || "";
    }
    form.elements.body.addEventListener("input", async () => {
      if (form.elements.form_token.value) return;
      form.elements.form_token.value = "-";
      const response = await get(`${base}token/`);
      if (response) form.elements.form_token.value = (await response.json()).token;
    }); // again after each post: a token is good for one comment
  }

  function showError(target, message, field) {
    const box = target.querySelector("[data-error]") || target.querySelector(".d-error");
    box.textContent = message;
    box.hidden = !message;
    target.querySelectorAll("[aria-invalid]").forEach((el) => {
      el.removeAttribute("aria-invalid");
    });
    const input = field && target.elements[field];
    if (input) {
      input.setAttribute("aria-invalid", "true");
      input.focus();
    }
  }

  function announce(message) {
    let status = root.querySelector("[data-status]");
    if (!status) {
      status = document.createElement("p");
      status.className = "d-status";
      status.setAttribute("role", "status");
      status.dataset.status = "";
      form.after(status);
    }
    status.textContent = message;
  }

  async function submitForm(event) {
    event.preventDefault();
    const data = new FormData(form);
    if (data.get("form_token") === "-") data.set("form_token", "");
    const button = form.querySelector(".d-submit");
    button.disabled = true;
    const result = await post(form.action, data).finally(() => {
      button.disabled = false;
    });
    if (!result.ok) {
      showError(form, result.body.error || text("failed"), result.body.field);
      return;
    }
    for (const name of fields) if (form.elements[name]) store.set(`mh-${name}`, form.elements[name].value);
    showError(form, "", "");
    const node = place(result.body.html, result.body.parent);
    mine.own.push({ id: result.body.id, editable: true });
    if (result.body.status === "approved") setCount(Number(root.dataset.count) + 1);
    form.elements.body.value = "";
    form.elements.form_token.value = "";
    cancelReply();
    announce(result.body.message);
    markVotes();
    node.scrollIntoView({ block: "nearest" });
  }

  function openReply(link) {
    const li = link.closest(".c");
    li.querySelector(":scope > .c-box").after(form);
    form.elements.parent.value = li.dataset.id;
    const name = li.querySelector(".c-name").textContent.trim();
    form.querySelector(".d-form-title").textContent = text("replyto").replace("__NAME__", name);
    form.querySelector("[data-cancel]").hidden = false;
    form.elements.body.focus();
  }

  function cancelReply() {
    if (!form.elements.parent.value) return;
    form.elements.parent.value = "";
    home.after(form);
    form.querySelector(".d-form-title").textContent = text("leave");
    form.querySelector("[data-cancel]").hidden = true;
  }

  // --- votes, edits, deletes ---------------------------------------------------------------
  async function vote(button) {
    const li = button.closest(".c");
    const wanted = Number(button.dataset.vote);
    const value = mine.votes[li.dataset.id] === wanted ? 0 : wanted;
    const data = new FormData();
    data.set("value", value);
    const result = await post(button.form.action, data);
    if (!result.ok) {
      announce(result.body.error || text("failed"));
      return;
    }
    li.querySelector("[data-up]").textContent = result.body.up;
    li.querySelector("[data-down]").textContent = result.body.down;
    mine.votes[li.dataset.id] = result.body.value;
    markVotes();
  }

  function openEdit(link) {
    const li = link.closest(".c");
    const own = mine.own.find((c) => String(c.id) === li.dataset.id) || {};
    const box = li.querySelector(":scope > .c-box");
    if (box.querySelector(".c-editing")) return;
    const edit = document.createElement("form");
    edit.className = "c-editing";
    edit.action = link.href;
    edit.innerHTML =
      `<p class="d-error" role="alert" hidden></p><label for="e-${li.dataset.id}">${text("comment")}</label>` +
      `<textarea id="e-${li.dataset.id}" name="body" rows="4" required></textarea>` +
      `<button type="submit">${text("save")}</button> <button type="button" data-x>${text("cancel")}</button>`;
    // biome-ignore lint/performance/useDomNodeTextContent: innerText keeps the paragraphs apart (textContent runs them together)
    edit.elements.body.value = own.body || li.querySelector(".c-body").innerText.trim();
    box.querySelector(".c-body").after(edit);
    edit.elements.body.focus();
    edit.querySelector("[data-x]").onclick = () => edit.remove();
    edit.onsubmit = async (event) => {
      event.preventDefault();
      const result = await post(edit.action, new FormData(edit));
      if (!result.ok) {
        showError(edit, result.body.error || text("failed"), "body");
        return;
      }
      own.body = edit.elements.body.value;
      box.replaceWith(fragment(result.body.html).firstElementChild.querySelector(".c-box"));
      markVotes();
      announce(result.body.message);
    };
  }

  async function remove(link) {
    if (!window.confirm(text("confirm"))) return;
    const result = await post(link.href, new FormData());
    if (!result.ok) {
      announce(result.body.error || text("failed"));
      return;
    }
    const li = link.closest(".c");
    if (!li.classList.contains("c-held")) setCount(Math.max(Number(root.dataset.count) - 1, 0));
    li.remove();
    announce(result.body.message);
  }

  async function moreReplies(link) {
    const li = link.closest(".c");
    const response = await get(link.href);
    if (!response) return;
    li.querySelector(":scope > .c-replies").append(fragment(await response.text()));
    link.parentNode.remove();
    markVotes();
  }

  // --- the live notice ---------------------------------------------------------------------
  let etag = "";
  let waiting = 0;
  const notice = root.querySelector("[data-new]");
  async function poll() {
    if (document.hidden) return;
    const response = await fetch(`${base}poll/?seen=${root.dataset.count}`, {
      headers: etag ? { "If-None-Match": etag } : {},
    });
    if (response.status !== 200) return;
    etag = response.headers.get("ETag") || "";
    const state = await response.json();
    waiting = state.count - Number(root.dataset.count);
    if (waiting > 0 && state.last > Number(root.dataset.last)) {
      notice.textContent =
        state.new_label || (waiting === 1 ? text("newone") : text("newmany")).replace("__N__", waiting);
      notice.parentNode.hidden = false;
    }
  }

  async function showNew() {
    const response = await get(`${base}new/?after=${root.dataset.last}`);
    if (!response) return;
    const nodes = [...fragment(await response.text()).children];
    for (const node of nodes) {
      if (byId(node.dataset.id)) continue;
      const parentLi = node.dataset.root !== node.dataset.id && byId(node.dataset.root);
      if (parentLi) place(node.outerHTML, node.dataset.root);
      else list.append(node);
      root.dataset.last = Math.max(Number(root.dataset.last), Number(node.dataset.id));
    }
    setCount(Number(root.dataset.count) + waiting);
    notice.parentNode.hidden = true;
    markVotes();
  }

  // --- the invitation ----------------------------------------------------------------------
  function invite() {
    const box = root.querySelector("[data-invite]");
    const key = `mh-invited-${pageId}`;
    if (!box || !form || store.get(key)) return;
    const seen = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        box.hidden = true;
        seen.disconnect();
      }
    });
    const onScroll = () => {
      if (window.scrollY < window.innerHeight) return;
      window.removeEventListener("scroll", onScroll);
      store.set(key, "1");
      box.hidden = false;
      seen.observe(form);
    };
    window.addEventListener("scroll", onScroll, { passive: true });
    box.querySelector("[data-invite-close]").onclick = () => {
      box.hidden = true;
    };
    box.querySelector("a").onclick = () => {
      box.hidden = true;
    };
  }

  // --- wiring ------------------------------------------------------------------------------
  root.addEventListener("click", (event) => {
    const t = event.target.closest("a, button");
    if (!t || !root.contains(t)) return;
    const action = [
      ["data-sort", () => chooseSort(t.dataset.sort, true)],
      ["data-more", () => loadPage(root.dataset.sort, t.dataset.more)],
      ["data-reply", () => openReply(t)],
      ["data-cancel", cancelReply],
      ["data-vote", () => vote(t)],
      ["data-edit", () => openEdit(t)],
      ["data-delete", () => remove(t)],
      ["data-replies", () => moreReplies(t)],
      ["data-new", showNew],
    ].find(([attr]) => t.hasAttribute(attr) && !(attr === "data-sort" && t.tagName !== "A"));
    if (!action || (!form && ["data-reply", "data-cancel"].includes(action[0]))) return;
    event.preventDefault();
    action[1]();
  });
  if (form) form.addEventListener("submit", submitForm);
  prepareForm();
  const wanted = store.get("mh-sort");
  const params = new URLSearchParams(location.search);
  const ready =
    wanted && wanted !== root.dataset.sort && !params.has("sort") && !params.has("cursor")
      ? chooseSort(wanted, false)
      : Promise.resolve();
  ready.then(loadMine);
  invite();
  setInterval(poll, Number(root.dataset.poll) || 30000);
})();
