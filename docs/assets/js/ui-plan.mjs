// The session-plan builder: reads the build-time form (or a URL fragment),
// asks Python (alliance.api.plan_json) and shows the plan with its citations;
// Print, Copy as text, Download as Markdown and an optional share link.

import { FRAGMENT_KEY } from "./contract.mjs";
import * as python from "./python.mjs";
import {
  bindExport, bindStatus, citeLinks, clearProblems, el, loadReferences, referenceHref, revealResult,
  showProblems, slot,
} from "./ui-common.mjs";

const MAX_FRAGMENT_CHARS = 4096;

// ---------------------------------------------------------------- form <-> inputs

function readInputs(form) {
  const inputs = {};
  for (const field of form.querySelectorAll("[data-field]")) {
    const name = field.dataset.field;
    const kind = field.dataset.kind;
    if (kind === "single") {
      const checked = field.querySelector("input:checked");
      if (checked) inputs[name] = checked.value;
    } else if (kind === "multi") {
      inputs[name] = [...field.querySelectorAll("input:checked")].map((input) => input.value);
    } else if (kind === "number") {
      const input = field.querySelector("input");
      const raw = input.value.trim();
      if (input.validity.badInput) inputs[name] = "not a number";
      else if (raw !== "") inputs[name] = /^-?\d+$/.test(raw) ? Number(raw) : raw;
    } else if (kind === "text") {
      const value = field.querySelector("input").value;
      if (value.trim() !== "") inputs[name] = value;
    }
  }
  return inputs;
}

function fillForm(form, inputs) {
  for (const field of form.querySelectorAll("[data-field]")) {
    const value = inputs[field.dataset.field];
    const kind = field.dataset.kind;
    if (kind === "single" || kind === "multi") {
      const chosen = new Set(Array.isArray(value) ? value : value === undefined ? [] : [value]);
      for (const input of field.querySelectorAll("input")) input.checked = chosen.has(input.value);
    } else {
      field.querySelector("input").value = value === undefined || value === null ? "" : String(value);
    }
  }
}

// ---------------------------------------------------------------- the plan

function citedItem(tag, item, references, keys) {
  for (const key of item.cite || []) keys.add(key);
  return el(tag, { class: "alliance-plan__item" },
    el("span", { class: "alliance-plan__text" }, item.text), " ",
    citeLinks(item.cite, references),
    item.rationale ? el("span", { class: "alliance-plan__why" }, ` Why: ${item.rationale}`) : null);
}

function renderPlan(widget, plan, references) {
  const keys = new Set();
  const body = [];
  if (plan.aim) {
    body.push(el("h3", {}, "Aim"), citedItem("p", plan.aim, references, keys));
  }
  for (const section of plan.sections || []) {
    body.push(el("h3", { "data-section": section.id }, section.title),
      el("ul", { "data-section-items": section.id },
        (section.items || []).map((item) => citedItem("li", item, references, keys))));
  }
  if ((plan.avoid || []).length) {
    body.push(el("h3", { "data-section": "avoid" }, "Avoid"),
      el("ul", { "data-section-items": "avoid" }, plan.avoid.map((item) =>
        el("li", {}, el("strong", {}, item.text), item.why ? `: ${item.why}` : ""))));
  }
  slot(widget, "plan").replaceChildren(...body);
  const refs = [...keys].sort().map((key) => {
    const entry = references[key] || {};
    return el("li", { id: `plan-ref-${key}` },
      el("a", { href: referenceHref(key, references) }, entry.reference || entry.label || key));
  });
  slot(widget, "references").replaceChildren(...refs);
  slot(widget, "references-block").hidden = refs.length === 0;
}

// ---------------------------------------------------------------- actions

function bindActions(widget, state) {
  const say = bindExport(widget, () => state.reply, { what: "The plan", filename: "session-plan.md" });
  widget.querySelector("[data-action=print]").addEventListener("click", () => window.print());
  widget.querySelector("[data-action=share]").addEventListener("click", () => {
    const fragment = encodeURIComponent(JSON.stringify(state.reply.plan.inputs || {}));
    const url = new URL(window.location.href);
    url.hash = `${FRAGMENT_KEY}=${fragment}`;
    const box = widget.querySelector("[data-role=share]");
    const input = box.querySelector("[data-role=share-link]");
    input.value = url.href;
    box.hidden = false;
    input.focus();
    input.select();
    say("The share link is below. Anyone who has it can read these inputs.");
  });
}

// ---------------------------------------------------------------- the URL fragment

/** The inputs object in "#inputs=...", null if there is none; throws Error(message) if it is unusable. */
export function inputsFromFragment(hash) {
  const prefix = `#${FRAGMENT_KEY}=`;
  if (!hash || !hash.startsWith(prefix)) return null;
  const raw = hash.slice(prefix.length);
  if (raw.length > MAX_FRAGMENT_CHARS) {
    throw new Error(`the link is too long (${raw.length} characters; at most ${MAX_FRAGMENT_CHARS})`);
  }
  let value;
  try {
    value = JSON.parse(decodeURIComponent(raw));
  } catch {
    throw new Error("the part of the link after # is not valid plan inputs");
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new Error("the part of the link after # must hold an object of plan inputs");
  }
  return value;
}

function showFragmentProblem(widget, intro, problems) {
  const box = widget.querySelector("[data-role=fragment-message]");
  box.replaceChildren(el("p", {}, intro),
    problems.length ? el("ul", {}, problems.map((problem) =>
      el("li", {}, problem.field ? `${problem.field}: ${problem.message}` : problem.message))) : null);
  box.hidden = false;
}

// ---------------------------------------------------------------- mount

export function mount(widget) {
  const form = widget.querySelector("[data-role=form]");
  const status = bindStatus(widget);
  const state = { reply: null, request: 0 };
  python.start();
  bindActions(widget, state);

  async function build(inputs, { fromLink }) {
    const mine = ++state.request;
    status.setWaiting(python.currentStatus().state !== "ready");
    let reply;
    let references;
    try {
      [reply, references] = await Promise.all([python.call("plan", { inputs }), loadReferences()]);
    } catch {
      return;
    } finally {
      status.setWaiting(false);
    }
    if (mine !== state.request || !widget.isConnected) return;
    if (!reply.ok) {
      const problems = (reply.error && reply.error.problems) || [];
      if (fromLink) {
        showFragmentProblem(widget, "The plan inputs in this link were rejected, so nothing was filled in:",
          problems.length ? problems : [{ field: "", message: reply.error.message }]);
        return;
      }
      widget.querySelector("[data-role=result]").hidden = true;
      showProblems(form, problems.length ? problems : [{ field: "", message: reply.error.message }]);
      return;
    }
    state.reply = reply;
    clearProblems(form);
    if (fromLink) fillForm(form, reply.plan.inputs || inputs);
    renderPlan(widget, reply.plan, references);
    widget.querySelector("[data-role=share]").hidden = true;
    widget.querySelector("[data-role=action-status]").textContent = "";
    widget.dataset.renders = String(Number(widget.dataset.renders || 0) + 1);
    revealResult(widget);
    status.announce("The session plan is ready below.");
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    widget.querySelector("[data-role=fragment-message]").hidden = true;
    build(readInputs(form), { fromLink: false });
  });

  // A share link opened while this page is shown changes only the part after #;
  // Material's instant navigation then swaps the page in again and this runs anew.
  let fromFragment = null;
  try {
    fromFragment = inputsFromFragment(window.location.hash);
  } catch (error) {
    showFragmentProblem(widget, `The plan inputs in this link were rejected: ${error.message}.`, []);
  }
  if (fromFragment) build(fromFragment, { fromLink: true });
}
