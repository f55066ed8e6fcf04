// DOM helpers for the widgets' UI. Everything is built with createElement and
// text nodes: text from the user or from Python is never parsed as HTML.

export const SITE_ROOT = new URL("../../", import.meta.url); // this file is in assets/js/

/** createElement with attributes; string children become text nodes. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** The element with this data-role (a value of ROLES in contract.mjs) inside root. */
export function byRole(root, role) {
  return root.querySelector(`[data-role="${role}"]`);
}

/** The form field (a question or a plan input) with this id inside root, or null. */
export function fieldNamed(root, name) {
  return name ? root.querySelector(`[data-field="${CSS.escape(name)}"]`) : null;
}

/** A link to a form field that scrolls to it and focuses its first (or checked) control. */
export function linkToField(field, ...children) {
  const link = el("a", { href: `#${field.id}` }, ...children);
  link.addEventListener("click", (event) => {
    event.preventDefault();
    event.stopPropagation(); // keep Material's instant navigation out of it
    field.scrollIntoView({ block: "center" });
    const control = field.querySelector("input:checked") || field.querySelector("input, select, textarea");
    if (control) control.focus();
  });
  return link;
}
