// Citation tooltips: a citation link (a.citation, written by macros/citations) shows the full
// reference of its work, read from the page's own reference list, while the pointer is on it or
// it has keyboard focus. As WCAG 2.1 SC 1.4.13 (content on hover or focus) asks:
// - hoverable: the tooltip stays while the pointer moves from the link onto it, and on it;
// - dismissible: Escape closes it without moving the pointer or the focus;
// - persistent: it stays until the pointer and the focus have left, or Escape.
// One tooltip element serves the whole site; listeners sit on the document, so they work on
// every page Material's instant navigation brings in. The text is set as text, never as HTML.
// A classic, deferred script (not a module), so that it runs on pages opened from a file too.

(() => {
  "use strict";

  const HIDE_DELAY_MS = 300; // time to move the pointer from the link onto the tooltip
  const tooltip = document.createElement("div");
  tooltip.id = "citation-tooltip";
  tooltip.className = "citation-tooltip";
  tooltip.setAttribute("role", "tooltip");
  tooltip.hidden = true;

  let host = null; // the link the tooltip belongs to
  let hideTimer = 0;

  function referenceOf(link) {
    const id = decodeURIComponent(link.hash.slice(1));
    const entry = id && document.getElementById(id);
    if (!entry) return "";
    const reference = entry.matches(".reference") ? entry : entry.querySelector(".reference");
    return (reference || entry).textContent.replace(/\s+/g, " ").trim();
  }

  function place(link) {
    const box = link.getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    tooltip.style.maxWidth = `${Math.min(400, width - 16)}px`;
    tooltip.style.left = "0px";
    tooltip.style.top = "0px";
    const tip = tooltip.getBoundingClientRect();
    const left = Math.max(8, Math.min(box.left, width - tip.width - 8));
    const below = box.bottom + 4;
    const top = below + tip.height > window.innerHeight && box.top - tip.height - 4 > 0
      ? box.top - tip.height - 4
      : below;
    tooltip.style.left = `${left + window.scrollX}px`;
    tooltip.style.top = `${top + window.scrollY}px`;
  }

  function show(link) {
    clearTimeout(hideTimer);
    if (link === host && !tooltip.hidden) return;
    const text = referenceOf(link);
    if (!text) return;
    if (host && host !== link) host.removeAttribute("aria-describedby");
    if (!tooltip.isConnected) document.body.append(tooltip);
    host = link;
    tooltip.textContent = text;
    tooltip.hidden = false;
    link.setAttribute("aria-describedby", tooltip.id);
    place(link);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (host) host.removeAttribute("aria-describedby");
    host = null;
    tooltip.hidden = true;
  }

  function stillWanted() {
    return host && (host.matches(":hover") || tooltip.matches(":hover") || host === document.activeElement);
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(() => {
      if (!stillWanted()) hide();
    }, HIDE_DELAY_MS);
  }

  function citationOf(target) {
    return target instanceof Element ? target.closest("a.citation") : null;
  }

  document.addEventListener("pointerover", (event) => {
    const link = citationOf(event.target);
    if (link) show(link);
    else if (tooltip.contains(event.target)) clearTimeout(hideTimer);
  });

  document.addEventListener("pointerout", (event) => {
    const from = citationOf(event.target) || (tooltip.contains(event.target) ? tooltip : null);
    if (!from) return;
    const to = event.relatedTarget;
    if (to instanceof Node && (from.contains(to) || tooltip.contains(to) || (host && host.contains(to)))) return;
    if (host) hideSoon();
  });

  document.addEventListener("focusin", (event) => {
    const link = citationOf(event.target);
    if (link) show(link);
  });

  document.addEventListener("focusout", (event) => {
    if (citationOf(event.target) && host) hideSoon();
  });

  document.addEventListener("keydown", (event) => {
    // Closed until the pointer enters a citation again or one gets the focus (neither happens
    // while the pointer rests on the link, or the focus stays on it).
    if (event.key === "Escape" && host && !tooltip.hidden) hide();
  });

  window.addEventListener("resize", () => {
    if (host) place(host);
  });

  // A new page (Material's instant navigation): no tooltip of the old one stays behind.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => hide());
  }
})();
