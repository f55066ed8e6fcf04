// Shared widget UI: loading status, Python's validation problems, citation
// links. Everything is built with createElement/textContent: text from the
// user or from Python is never parsed as HTML.

import { PATHS } from "./contract.mjs";
import * as python from "./python.mjs";

export const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/
const REFERENCES_URL = new URL(PATHS.references, SITE_ROOT);

/** createElement with attributes; string children become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

export function slot(widget, name) {
  return widget.querySelector(`[data-slot="${name}"]`);
}

// ---------------------------------------------------------------- status

function describeStatus(status, waiting) {
  if (status.state === "loading") {
    const suffix = waiting ? " Your answers are kept and will be checked as soon as it is ready." : "";
    return `Loading Python in your browser: ${status.message}${suffix}`;
  }
  if (status.state === "ready") return "Ready: the answer is worked out in your browser.";
  if (status.state === "error") return `${status.message} Check your connection, then press Retry.`;
  return "The tool starts Python in your browser when this page opens.";
}

/**
 * Show the worker's state in the widget's status area and wire Retry.
 * Returns {setWaiting(bool), announce(text)}.
 */
export function bindStatus(widget) {
  const area = widget.querySelector("[data-role=status]");
  const text = area.querySelector("[data-role=status-text]");
  const bar = area.querySelector("[data-role=progress]");
  const retry = area.querySelector("[data-role=retry]");
  let waiting = false;
  let last = python.currentStatus();
  let unsubscribe = () => {};

  function render(status) {
    if (!widget.isConnected) {
      unsubscribe();
      return;
    }
    last = status;
    area.dataset.state = status.state;
    text.textContent = describeStatus(status, waiting);
    bar.hidden = status.state !== "loading";
    bar.value = Math.round((status.fraction || 0) * 100);
    retry.hidden = status.state !== "error";
  }

  retry.addEventListener("click", () => {
    python.start();
  });
  unsubscribe = python.subscribe(render);
  return {
    setWaiting(value) {
      waiting = value;
      render(last);
    },
    announce(message) {
      text.textContent = message;
    },
  };
}

// ---------------------------------------------------------------- problems

function fieldNames(form) {
  return new Set([...form.querySelectorAll("[data-field]")].map((node) => node.dataset.field));
}

/** The form field a problem names: "answers.presence", "inputs.beliefs[1]" or "presence". */
export function problemField(problem, names) {
  const tokens = String(problem.field || "").split(/[.[\]]/).filter(Boolean);
  for (let index = tokens.length - 1; index >= 0; index--) {
    if (names.has(tokens[index])) return tokens[index];
  }
  return null;
}

function fieldControls(field) {
  return [...field.querySelectorAll("input, select, textarea")];
}

export function clearProblems(form) {
  const summary = form.querySelector("[data-role=error-summary]");
  summary.hidden = true;
  summary.querySelector("[data-role=error-list]").replaceChildren();
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

/** Put each problem next to the field it names, and all of them in a summary with links. */
export function showProblems(form, problems) {
  clearProblems(form);
  const names = fieldNames(form);
  const summary = form.querySelector("[data-role=error-summary]");
  const list = summary.querySelector("[data-role=error-list]");
  for (const problem of problems) {
    const name = problemField(problem, names);
    const messageText = String(problem.message || "This answer is not valid.");
    if (!name) {
      list.append(el("li", {}, messageText));
      continue;
    }
    const field = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
    const message = field.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
    message.textContent = message.textContent ? `${message.textContent} ${messageText}` : messageText;
    message.hidden = false;
    for (const control of fieldControls(field)) {
      control.setAttribute("aria-invalid", "true");
      const ids = (control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (!ids.includes(message.id)) ids.push(message.id);
      control.setAttribute("aria-describedby", ids.join(" "));
    }
    const label = field.querySelector("legend, label");
    const link = el("a", { href: `#${field.id}` }, label ? label.textContent.replace(" (required)", "") : name);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      event.stopPropagation(); // keep Material's instant navigation out of it
      const first = fieldControls(field)[0];
      field.scrollIntoView({ block: "center" });
      if (first) first.focus();
    });
    list.append(el("li", {}, link, `: ${messageText}`));
  }
  summary.hidden = false;
  summary.focus();
}

// ---------------------------------------------------------------- citations

let referencesPromise = null;

/** {key: {label, narrative, reference, href}} from the build; {} if it is missing. */
export function loadReferences() {
  if (!referencesPromise) {
    referencesPromise = fetch(REFERENCES_URL)
      .then((response) => (response.ok ? response.json() : {}))
      .catch(() => ({}));
  }
  return referencesPromise;
}

export function referenceHref(key, references) {
  const entry = references[key];
  const href = entry && typeof entry.href === "string" ? entry.href : `references.html#ref-${key}`;
  return new URL(href, SITE_ROOT).href;
}

/** "(Fuentes et al., 2014; Stenner et al., 2018)" with each label linked to its reference,
 *  in alphabetical order of the labels as APA orders several works (2018a before 2018b). */
export function citeLinks(keys, references) {
  if (!Array.isArray(keys) || keys.length === 0) return null;
  const label = (key) => (references[key] && references[key].label) || key;
  const ordered = [...keys].sort((a, b) => label(a).localeCompare(label(b), "en"));
  const span = el("span", { class: "alliance-cite" }, "(");
  ordered.forEach((key, index) => {
    const entry = references[key] || {};
    if (index) span.append("; ");
    span.append(
      el("a", { href: referenceHref(key, references), title: entry.reference || undefined, "data-cite": key },
        entry.label || key),
    );
  });
  span.append(")");
  return span;
}

/** Show the result section and move focus to its heading. */
export function revealResult(widget) {
  const section = widget.querySelector("[data-role=result]");
  section.hidden = false;
  const heading = section.querySelector("[data-role=result-heading]");
  heading.focus();
  return section;
}

/**
 * The result's "Copy as text" and "Download as Markdown" buttons. reply() gives
 * Python's current reply ({text, markdown}); what names it in messages
 * ("The plan", "The result"). Returns say(message) for the status line.
 */
export function bindExport(widget, reply, { what, filename }) {
  const actionStatus = widget.querySelector("[data-role=action-status]");
  const say = (text) => {
    actionStatus.textContent = text;
  };
  widget.querySelector("[data-action=copy]").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(reply().text);
      say(`${what} was copied as plain text.`);
    } catch {
      say(`The browser did not allow copying: use Download as Markdown, or select the text and copy it.`);
    }
  });
  widget.querySelector("[data-action=download]").addEventListener("click", () => {
    const blob = new Blob([reply().markdown], { type: "text/markdown;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: filename });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    say(`${what} was downloaded as ${filename}.`);
  });
  return say;
}
