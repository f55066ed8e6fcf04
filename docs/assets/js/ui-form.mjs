// The widget's form as data, both ways, and Python's problems shown next to
// the fields they name. The form is read uninterpreted ({field: [values]});
// Python reads it, judges it and names each problem's field (control, label).

import { ROLES } from "./contract.mjs";
import { byRole, el, fieldNamed, linkToField } from "./ui-dom.mjs";

function controls(field) {
  return [...field.querySelectorAll("input, select, textarea")];
}

function isChoice(control) {
  return control.type === "radio" || control.type === "checkbox";
}

/** {field: [the value of every checked option, or the text typed]} for every field of the form. */
export function readForm(form) {
  const values = {};
  for (const field of form.querySelectorAll("[data-field]")) {
    values[field.dataset.field] = controls(field)
      .filter((control) => !isChoice(control) || control.checked)
      .map((control) => control.value);
  }
  return values;
}

/** Fill the form from {field: [values]}, as Python gives it back. */
export function fillForm(form, values) {
  for (const field of form.querySelectorAll("[data-field]")) {
    const chosen = values[field.dataset.field] || [];
    for (const control of controls(field)) {
      if (isChoice(control)) control.checked = chosen.includes(control.value);
      else control.value = chosen[0] || "";
    }
  }
}

export function clearProblems(form) {
  const summary = byRole(form, ROLES.ERROR_SUMMARY);
  summary.hidden = true;
  byRole(summary, ROLES.ERROR_LIST).replaceChildren();
  for (const message of form.querySelectorAll("[data-error-for]")) {
    message.hidden = true;
    message.textContent = "";
  }
  for (const control of form.querySelectorAll("[aria-invalid]")) {
    control.removeAttribute("aria-invalid");
    const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter((id) => !id.endsWith("-error"));
    control.setAttribute("aria-describedby", ids.join(" "));
  }
}

/**
 * Put each problem next to the field it names, and all of them in the summary with links, under
 * Python's own summary line (title); the summary takes the focus (focus = false: it does not),
 * scrolled clear of the sticky header.
 */
export function showProblems(form, problems, focus = true, title = "") {
  clearProblems(form);
  const summary = byRole(form, ROLES.ERROR_SUMMARY);
  const list = byRole(summary, ROLES.ERROR_LIST);
  if (title) byRole(summary, ROLES.ERROR_TITLE).textContent = title;
  for (const problem of problems) {
    const field = fieldNamed(form, problem.control);
    if (!field) {
      list.append(el("li", {}, problem.message));
      continue;
    }
    const message = field.querySelector("[data-error-for]");
    message.textContent = message.textContent ? `${message.textContent} ${problem.message}` : problem.message;
    message.hidden = false;
    for (const control of controls(field)) {
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!ids.includes(message.id)) ids.push(message.id);
      control.setAttribute("aria-describedby", ids.join(" "));
    }
    list.append(el("li", {}, linkToField(field, problem.message)));
  }
  summary.hidden = false;
  if (!focus) return;
  summary.focus({ preventScroll: true });
  summary.scrollIntoView({ block: "start" });
}

/**
 * The message above the form (kind: MESSAGE_KINDS): a summary, its items, and notes on what changed.
 * Only what Python said is shown: nothing is added where it said nothing.
 */
export function showMessage(box, kind, summary, items, notes = []) {
  box.dataset.kind = kind;
  box.replaceChildren(
    summary ? el("p", {}, summary) : "",
    items.length ? el("ul", {}, items.map((item) => el("li", {}, item))) : "",
    notes.length ? el("ul", { class: "alliance-notes" }, notes.map((note) => el("li", {}, note))) : "",
  );
  box.hidden = false;
}
