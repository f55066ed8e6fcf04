// The stage classifier: reads the build-time form, asks Python
// (alliance.api.classify_json) and shows the result as text, highlighting the
// level and the weakest cycle steps in the figures drawn at build time; the
// result copies as text and downloads as Markdown (Python's own renderings).

import { FRAGMENT_KEY } from "./contract.mjs";
import * as python from "./python.mjs";
import {
  bindExport, bindStatus, citeLinks, clearProblems, el, loadReferences, revealResult, showProblems, slot,
} from "./ui-common.mjs";


function readAnswers(form) {
  const answers = {};
  for (const field of form.querySelectorAll("[data-field]")) {
    const checked = field.querySelector("input:checked");
    if (checked) answers[field.dataset.field] = checked.value;
  }
  return answers;
}

function highlight(widget, figure, ids) {
  const svgs = widget.querySelectorAll(`[data-figure="${figure}"] svg`);
  for (const svg of svgs) {
    for (const node of svg.querySelectorAll("[data-id]")) {
      const on = ids.includes(node.dataset.id);
      node.classList.toggle("is-highlighted", on);
      if (on) node.setAttribute("aria-current", "true");
      else node.removeAttribute("aria-current");
    }
  }
}

function questionLinks(form, ids) {
  const items = [];
  for (const id of ids || []) {
    const field = form.querySelector(`[data-field="${CSS.escape(id)}"]`);
    const legend = field && field.querySelector("legend");
    if (!field) continue;
    const link = el("a", { href: `#${field.id}` }, legend ? legend.textContent : id);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation(); // keep Material's instant navigation out of it
      field.scrollIntoView({ block: "center" });
      const input = field.querySelector("input:checked") || field.querySelector("input");
      if (input) input.focus();
    });
    items.push(el("li", {}, link));
  }
  return items.length ? el("ul", { class: "alliance-because" }, items) : null;
}

function renderHolds(widget, form, result) {
  const list = slot(widget, "holds");
  list.replaceChildren();
  const blocking = (result.transitions || []).filter((t) => t.source === result.stage && !t.reached);
  for (const transition of blocking) {
    for (const criterion of transition.missing || []) {
      const because = questionLinks(form, criterion.because);
      list.append(el("li", {}, el("strong", {}, criterion.label),
        because ? el("span", {}, " — from your answers to:") : null, because));
    }
  }
  if (!list.children.length) {
    list.append(el("li", {}, "Nothing holds the patient back in the levels: this is the top level."));
  }
}

function renderFlags(widget, form, result, references) {
  const block = slot(widget, "flags-block");
  const container = slot(widget, "flags");
  container.replaceChildren();
  for (const flag of result.flags || []) {
    const because = questionLinks(form, flag.questions);
    container.append(el("div", { class: "alliance-flag", "data-flag": flag.id },
      el("h4", {}, flag.title),
      el("p", {}, flag.explanation, " ", citeLinks(flag.cite, references)),
      because ? el("p", {}, "From your answers to:") : null,
      because));
  }
  block.hidden = !(result.flags || []).length;
  const qualified = slot(widget, "qualified");
  qualified.hidden = !result.qualified;
  qualified.textContent = result.qualified
    ? "Read this level with care: the flags below qualify it, so it does not mean plain success."
    : "";
}

function renderResult(widget, form, reply, references) {
  const result = reply.result;
  const level = result.level;
  slot(widget, "level").textContent = `Level ${level.number} of 4: ${level.name}`;
  slot(widget, "summary").textContent = level.summary;
  highlight(widget, "levels_figure", [level.id]);
  renderHolds(widget, form, result);
  renderFlags(widget, form, result, references);
  const weakest = result.weakest_steps || [];
  slot(widget, "weakest").textContent = weakest.length
    ? `${weakest.map((step) => step.name).join("; ")}.`
    : "No step stands out from your self-check.";
  highlight(widget, "cycle_figure", weakest.map((step) => step.id));
  const steps = slot(widget, "next-steps");
  steps.replaceChildren(...(result.next_steps || []).map((step) =>
    el("li", { "data-step": step.step }, step.text, " ", citeLinks(step.cite, references))));
  slot(widget, "disclaimer").textContent = result.disclaimer || "";
  const toPlan = widget.querySelector("[data-role=to-plan]");
  if (!toPlan.dataset.baseHref) toPlan.dataset.baseHref = toPlan.getAttribute("href");
  const fragment = encodeURIComponent(JSON.stringify(reply.plan_inputs || {}));
  toPlan.setAttribute("href", `${toPlan.dataset.baseHref}#${FRAGMENT_KEY}=${fragment}`);
  widget.dataset.stage = result.stage;
  widget.dataset.renders = String(Number(widget.dataset.renders || 0) + 1);
}

export function mount(widget) {
  const form = widget.querySelector("[data-role=form]");
  const status = bindStatus(widget);
  python.start();
  let request = 0;
  let shown = null; // the reply on screen, for Copy and Download
  const say = bindExport(widget, () => shown, { what: "The result", filename: "alliance-stage.md" });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const mine = ++request;
    const answers = readAnswers(form);
    status.setWaiting(python.currentStatus().state !== "ready");
    let reply;
    try {
      [reply] = await Promise.all([python.call("classify", { answers }), loadReferences()]);
    } catch {
      return; // the status area shows the load failure and Retry
    } finally {
      status.setWaiting(false);
    }
    if (mine !== request || !widget.isConnected) return;
    if (!reply.ok) {
      widget.querySelector("[data-role=result]").hidden = true;
      showProblems(form, (reply.error && reply.error.problems) || [{ field: "", message: reply.error.message }]);
      return;
    }
    clearProblems(form);
    shown = reply;
    say(""); // the last Copy/Download message was about the previous result
    renderResult(widget, form, reply, await loadReferences());
    revealResult(widget);
    status.announce(`Result: level ${reply.result.level.number} of 4, ${reply.result.level.name}.`);
  });
}
