// Paints a view (alliance.view, worked out by Python) into the page: its
// blocks in order, each line with its citation links and a "Why this?"
// disclosure, and the build-time figures moved into place and highlighted.
// Nothing here decides what is shown, in what order or in what words.

import { BLOCKS } from "./contract.mjs";
import { SITE_ROOT, el, fieldNamed, linkToField } from "./ui-dom.mjs";

function citation(segments, references) {
  return el("span", { class: "alliance-cite" }, segments.map((segment) => {
    const reference = references.get(segment.key);
    if (!reference) return segment.text;
    return el("a", { href: new URL(reference.href, SITE_ROOT).href, title: reference.text, "data-cite": segment.key },
      segment.text);
  }));
}

function why(reasons) {
  return el("details", { class: "alliance-why" },
    el("summary", {}, reasons.summary),
    reasons.rules.map((rule) => el("p", {}, el("a", { href: new URL(rule.href, SITE_ROOT).href }, rule.id), " ", rule.text)),
    el("p", {}, reasons.intro),
    el("ul", {}, reasons.facts.map((fact) => el("li", {}, fact))));
}

function lineNodes(widget, line, references) {
  const field = fieldNamed(widget, line.field);
  return [
    line.lead ? [el("strong", {}, line.lead), " "] : null,
    field ? linkToField(field, line.text) : line.text,
    line.detail ? [" ", el("span", { class: "alliance-detail" }, line.detail)] : null,
    line.cite.length ? [" ", citation(line.cite, references)] : null,
    line.why ? why(line.why) : null,
    line.lines.length ? el("ul", {}, line.lines.map((sub) => el("li", {}, lineNodes(widget, sub, references)))) : null,
  ];
}

function figure(widget, block) {
  const drawing = widget.querySelector(`[data-figure="${block.figure}"]`);
  for (const node of drawing.querySelectorAll("svg [data-id]")) {
    const on = block.highlight.includes(node.dataset.id);
    node.classList.toggle("is-highlighted", on);
    if (on) node.setAttribute("aria-current", "true");
    else node.removeAttribute("aria-current");
  }
  return drawing;
}

function blockNodes(widget, block, references) {
  const heading = block.heading ? el("h3", { "data-block": block.id }, block.heading) : null;
  if (block.kind === BLOCKS.FIGURE) return [heading, figure(widget, block)];
  if (block.kind === BLOCKS.LIST) {
    return [heading, el(block.ordered ? "ol" : "ul", { class: "alliance-lines", "data-block-lines": block.id },
      block.lines.map((line) => el("li", {}, lineNodes(widget, line, references))))];
  }
  // A div, not a <p>: a line may hold its "Why this?" and sub-lines, which a paragraph cannot.
  return [heading, block.lines.map((line) =>
    el("div", { class: `alliance-${block.kind}`, "data-block-lines": block.id }, lineNodes(widget, line, references)))];
}

/** Replace what container shows with the view's blocks, footer and references. */
export function paint(widget, container, view) {
  const references = new Map(view.references.map((reference) => [reference.key, reference]));
  container.replaceChildren(
    ...view.blocks.flatMap((block) => blockNodes(widget, block, references)).flat(Infinity).filter(Boolean),
    el("p", { class: "alliance-disclaimer" }, view.footer),
    view.references.length ? el("h3", {}, view.references_heading) : "",
    el("ul", { class: "alliance-references" }, view.references.map((reference) =>
      el("li", {}, el("a", { href: new URL(reference.href, SITE_ROOT).href }, reference.text)))),
  );
}
