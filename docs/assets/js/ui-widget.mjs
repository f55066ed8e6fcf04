// Every widget: reads its build-time form, asks Python (the request kind in
// data-request, see contract.mjs) and paints the view Python returns; Copy,
// Download, Print and Share hand on Python's own text, Markdown and link.
//
// Links and hand-offs:
// - A share link (#inputs=...) is given to Python as it is, to read and judge,
//   every time the part after # changes, then removed from the address bar.
//   A link Python rejects clears the form and the plan shown: a previous
//   patient's plan never stays under another patient's link.
// - The classifier hands its result to the plan builder in memory (this module
//   lives as long as the page, across Material's instant navigation), or, after
//   a full page load, through this tab's sessionStorage, removed when read:
//   never in the URL, so nothing lands in the browser's history.
// - Material swaps the page in again when the part after # first changes; the
//   widget mounted anew takes over the one it replaces (its form, its reply and
//   any question still with Python). Arriving from another page starts afresh,
//   and so does a page the browser brings back from its cache after Back: a
//   previous patient's answers are not shown again.
// - A reply from a worker this page has since replaced (a deploy while the tab
//   was open: python.mjs) is never shown again: the question is asked again of
//   the new worker, with the answers on the page.

import { ACTIONS, FRAGMENT_KEY, HANDOFF, MESSAGE_KINDS, ROLES, WORDS } from "./contract.mjs";
import * as python from "./python.mjs";
import { byRole, el, fieldNamed } from "./ui-dom.mjs";
import { clearProblems, fillForm, readForm, showMessage, showProblems } from "./ui-form.mjs";
import { bindStatus } from "./ui-status.mjs";
import { paint } from "./ui-view.mjs";

const LINK_PREFIX = `#${FRAGMENT_KEY}=`;
const sessions = new Map(); // widget name -> the session of the widget mounted last under that name
const visits = []; // the path of each page shown, in order (Material's document$)
const handoffs = new Map(); // widget name -> what another widget handed it (in memory)

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(() => visits.push(window.location.pathname));
} else {
  visits.push(window.location.pathname);
}

/** The share link in the address bar, if any, removed from it (history keeps no copy of it). */
function takeLink() {
  const { hash } = window.location;
  if (!hash.startsWith(LINK_PREFIX)) return null;
  const url = new URL(window.location.href);
  url.hash = "";
  history.replaceState(history.state, "", url.href);
  return hash;
}

function handOff(name, what) {
  handoffs.set(name, what);
  try {
    sessionStorage.setItem(HANDOFF.KEY, JSON.stringify({ [name]: what }));
  } catch {
    // storage refused: the hand-off still works across instant navigation
  }
}

/** What another widget handed this one, removed from memory and from storage as it is read. */
function takeHandoff(name) {
  let what = handoffs.get(name) || null;
  handoffs.delete(name);
  try {
    const stored = JSON.parse(sessionStorage.getItem(HANDOFF.KEY) || "{}");
    sessionStorage.removeItem(HANDOFF.KEY);
    what = what || stored[name] || null;
  } catch {
    // nothing stored, or storage refused
  }
  return what;
}

function download(markdown, filename) {
  const url = URL.createObjectURL(new Blob([markdown], { type: "text/markdown;charset=utf-8" }));
  const link = el("a", { href: url, download: filename });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The widget's parts, found again whenever the page is swapped in. */
function partsOf(widget) {
  return {
    widget,
    form: byRole(widget, ROLES.FORM),
    result: byRole(widget, ROLES.RESULT),
    say: (text) => {
      byRole(widget, ROLES.ACTION_STATUS).textContent = text;
    },
  };
}

/** The result's actions, each on Python's current reply. */
function bindActions(session, parts) {
  const handlers = {
    [ACTIONS.COPY]: async (reply) => {
      try {
        await navigator.clipboard.writeText(reply.text);
        parts.say(reply.view.said.copy);
      } catch {
        parts.say(WORDS.COPY_FAILED);
      }
    },
    [ACTIONS.DOWNLOAD]: (reply) => {
      download(reply.markdown, reply.view.filename);
      parts.say(reply.view.said.download);
    },
    [ACTIONS.PRINT]: () => window.print(),
    [ACTIONS.SHARE]: (reply) => {
      const url = new URL(window.location.href);
      url.hash = reply.share;
      const box = byRole(parts.widget, ROLES.SHARE);
      const input = byRole(box, ROLES.SHARE_LINK);
      input.value = url.href;
      box.hidden = false;
      input.focus();
      input.select();
      parts.say(reply.view.said.share);
    },
  };
  for (const button of parts.widget.querySelectorAll("[data-action]")) {
    button.addEventListener("click", () => handlers[button.dataset.action](session.reply));
  }
  for (const link of parts.widget.querySelectorAll(`[data-role="${ROLES.TO_PLAN}"]`)) {
    link.addEventListener("click", () => {
      for (const [name, what] of Object.entries(session.reply?.handoff || {})) handOff(name, what);
    });
  }
}

function messageBox(parts) {
  return byRole(parts.widget, ROLES.FRAGMENT_MESSAGE);
}

function showNotes(parts, notes) {
  if (notes && notes.length) showMessage(messageBox(parts), MESSAGE_KINDS.NOTE, "", notes);
  else messageBox(parts).hidden = true;
}

/** Show Python's reply: the view and its links, or its problems. */
function render(session, reply, fromLink) {
  const parts = session.parts;
  if (!reply.ok) {
    parts.result.hidden = true;
    if (fromLink) {
      session.reply = null;
      parts.form.reset();
      clearProblems(parts.form);
      if (reply.form) {
        // Made for an earlier version: what carries over is filled in, what is new is marked.
        fillForm(parts.form, reply.form);
        showProblems(parts.form, reply.error.problems, false);
      }
      showMessage(messageBox(parts), MESSAGE_KINDS.PROBLEM, reply.error.summary,
        reply.error.problems.map((problem) => problem.message), reply.error.notes);
    } else {
      showProblems(parts.form, reply.error.problems, true, reply.error.summary);
    }
    return;
  }
  session.reply = reply;
  clearProblems(parts.form);
  if (fromLink) fillForm(parts.form, reply.form);
  showNotes(parts, reply.notes);
  paint(parts.widget, byRole(parts.widget, ROLES.VIEW), reply.view);
  Object.assign(parts.widget.dataset, reply.view.marks);
  byRole(parts.widget, ROLES.SHARE)?.setAttribute("hidden", "");
  parts.say("");
  parts.widget.dataset.renders = String(Number(parts.widget.dataset.renders || 0) + 1);
  parts.result.hidden = false;
  byRole(parts.result, ROLES.RESULT_HEADING).focus();
  session.status.announce(reply.view.announce);
}

async function ask(session, payload, fromLink) {
  const mine = ++session.request;
  session.status.setWaiting(python.currentStatus().state !== "ready");
  let reply;
  try {
    reply = await python.call(session.kind, payload);
  } catch {
    return; // the status area shows the load failure and Retry
  } finally {
    session.status.setWaiting(false);
  }
  if (mine !== session.request) return; // a later question was asked meanwhile
  const generation = python.currentStatus().generation; // the worker that answered
  if (session.parts.widget.isConnected) {
    session.generation = generation;
    render(session, reply, fromLink);
  } else {
    session.unshown = { reply, fromLink, payload, generation }; // the page is being swapped in again
  }
}

function receiveLink(session, link) {
  messageBox(session.parts).hidden = true;
  ask(session, { link }, true);
}

function receiveHandoff(session, what) {
  const parts = session.parts;
  parts.form.reset();
  fillForm(parts.form, what.form);
  showMessage(messageBox(parts), MESSAGE_KINDS.NOTE, "", [what.message]);
  const field = fieldNamed(parts.form, what.focus);
  const control = field && field.querySelector("input, select, textarea");
  if (control) {
    control.scrollIntoView({ block: "center" });
    control.focus();
  }
}

/**
 * Bring a session's form and reply into a widget that replaced its own on the same page; a reply
 * of a worker since replaced (another toolkit) is asked again of the new one.
 */
function takeOver(session, previous) {
  fillForm(session.parts.form, readForm(previous.parts.form));
  const unshown = session.unshown;
  session.unshown = null;
  const current = python.currentStatus().generation;
  if (unshown && unshown.generation === current) {
    session.generation = current;
    render(session, unshown.reply, unshown.fromLink);
  } else if (unshown) {
    ask(session, unshown.payload, unshown.fromLink);
  } else if (session.reply && session.generation !== current) {
    ask(session, { form: readForm(session.parts.form) }, false);
  } else if (session.reply) {
    render(session, session.reply, false);
  }
}

window.addEventListener("hashchange", () => {
  if (!window.location.hash.startsWith(LINK_PREFIX)) return;
  const link = takeLink();
  for (const session of sessions.values()) {
    if (session.parts.widget.isConnected) receiveLink(session, link);
  }
});

window.addEventListener("pageshow", (event) => {
  if (!event.persisted) return; // restored from the back/forward cache with its answers: clear them
  for (const session of sessions.values()) {
    session.reply = null;
    session.request += 1;
    session.parts.form.reset();
    clearProblems(session.parts.form);
    session.parts.result.hidden = true;
    messageBox(session.parts).hidden = true;
  }
});

export function mount(widget) {
  const name = widget.dataset.widget;
  const previous = sessions.get(name);
  const samePage = visits.length > 1 && visits[visits.length - 2] === window.location.pathname;
  const adopt = previous && samePage && !previous.parts.widget.isConnected;
  const session = adopt ? previous : { kind: widget.dataset.request, reply: null, request: 0 };
  const before = adopt ? { parts: previous.parts } : null;
  session.parts = partsOf(widget);
  session.status = bindStatus(widget);
  sessions.set(name, session);
  python.start();
  bindActions(session, session.parts);

  session.parts.form.addEventListener("submit", (event) => {
    event.preventDefault();
    messageBox(session.parts).hidden = true;
    ask(session, { form: readForm(session.parts.form) }, false);
  });

  const link = takeLink();
  if (link) receiveLink(session, link);
  else if (before) takeOver(session, before);
  else {
    const what = takeHandoff(name);
    if (what) receiveHandoff(session, what);
  }
}
