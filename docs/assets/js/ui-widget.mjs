// Every widget: reads its build-time form, asks Python (the request kind in
// data-request, see contract.mjs) and paints the view Python returns; Copy,
// Download, Print and Share hand on Python's own text, Markdown and link. A
// share link (#inputs=...) is given to Python as it is, to read and judge.

import { ACTIONS, FRAGMENT_KEY, ROLES, WORDS } from "./contract.mjs";
import * as python from "./python.mjs";
import { byRole, el } from "./ui-dom.mjs";
import { clearProblems, fillForm, readForm, showLinkProblems, showProblems } from "./ui-form.mjs";
import { bindStatus } from "./ui-status.mjs";
import { paint } from "./ui-view.mjs";

function setLinks(widget, links) {
  for (const [role, fragment] of Object.entries(links)) {
    const link = byRole(widget, role);
    if (!link) continue;
    if (!link.dataset.baseHref) link.dataset.baseHref = link.getAttribute("href");
    link.setAttribute("href", `${link.dataset.baseHref}#${fragment}`);
  }
}

function download(markdown, filename) {
  const url = URL.createObjectURL(new Blob([markdown], { type: "text/markdown;charset=utf-8" }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The result's actions, each on Python's current reply (state.reply). */
function bindActions(widget, state) {
  const say = (text) => {
    byRole(widget, ROLES.ACTION_STATUS).textContent = text;
  };
  const handlers = {
    [ACTIONS.COPY]: async (reply) => {
      try {
        await navigator.clipboard.writeText(reply.text);
        say(reply.view.said.copy);
      } catch {
        say(WORDS.COPY_FAILED);
      }
    },
    [ACTIONS.DOWNLOAD]: (reply) => {
      download(reply.markdown, reply.view.filename);
      say(reply.view.said.download);
    },
    [ACTIONS.PRINT]: () => window.print(),
    [ACTIONS.SHARE]: (reply) => {
      const url = new URL(window.location.href);
      url.hash = reply.share;
      const box = byRole(widget, ROLES.SHARE);
      const input = byRole(box, ROLES.SHARE_LINK);
      input.value = url.href;
      box.hidden = false;
      input.focus();
      input.select();
      say(reply.view.said.share);
    },
  };
  for (const button of widget.querySelectorAll("[data-action]")) {
    button.addEventListener("click", () => handlers[button.dataset.action](state.reply));
  }
  return say;
}

export function mount(widget) {
  const kind = widget.dataset.request;
  const form = byRole(widget, ROLES.FORM);
  const result = byRole(widget, ROLES.RESULT);
  const linkBox = byRole(widget, ROLES.FRAGMENT_MESSAGE);
  const status = bindStatus(widget);
  const state = { reply: null, request: 0 };
  python.start();
  const say = bindActions(widget, state);

  async function ask(payload, fromLink) {
    const mine = ++state.request;
    status.setWaiting(python.currentStatus().state !== "ready");
    let reply;
    try {
      reply = await python.call(kind, payload);
    } catch {
      return; // the status area shows the load failure and Retry
    } finally {
      status.setWaiting(false);
    }
    if (mine !== state.request || !widget.isConnected) return;
    if (!reply.ok) {
      if (fromLink) {
        showLinkProblems(widget, reply.error);
      } else {
        result.hidden = true;
        showProblems(form, reply.error.problems);
      }
      return;
    }
    state.reply = reply;
    clearProblems(form);
    if (fromLink) fillForm(form, reply.form);
    paint(widget, byRole(widget, ROLES.VIEW), reply.view);
    setLinks(widget, reply.links);
    Object.assign(widget.dataset, reply.view.marks);
    byRole(widget, ROLES.SHARE)?.setAttribute("hidden", "");
    say("");
    widget.dataset.renders = String(Number(widget.dataset.renders || 0) + 1);
    result.hidden = false;
    byRole(result, ROLES.RESULT_HEADING).focus();
    status.announce(reply.view.announce);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    linkBox.hidden = true;
    ask({ form: readForm(form) }, false);
  });

  // A share link opened while this page is shown changes only the part after #;
  // Material's instant navigation then swaps the page in again and this runs anew.
  if (window.location.hash.startsWith(`#${FRAGMENT_KEY}=`)) ask({ link: window.location.hash }, true);
}
