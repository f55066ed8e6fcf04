// Widget loader, on every page (tiny). Only a page that holds a widget
// ([data-widget]) imports the widget code, which starts Pyodide in a module
// worker; other pages load no Pyodide bytes. With Material's instant
// navigation, `document$` emits on every page change: the widgets on the new
// page are bound again, and the one worker (python.mjs) is kept.

import { WIDGETS } from "./contract.mjs";

function showLoadFailure(element, error) {
  const text = element.querySelector("[data-role=status-text]");
  if (text) {
    text.textContent = `The tool could not start: a script failed to load (${error.message}). Reload the page to try again.`;
  }
}

// Start Python at once, in parallel with fetching the widget's UI code: the
// worker's download is the long pole, so it should not wait for the UI chain.
// A failure to load is reported by the widget's own status area (mount).
function startPython() {
  import(new URL("./python.mjs", import.meta.url).href)
    .then((python) => python.start())
    .catch(() => {});
}

function mountWidgets() {
  const widgets = document.querySelectorAll("[data-widget]:not([data-mounted])");
  if (widgets.length) startPython();
  for (const element of widgets) {
    const path = WIDGETS[element.dataset.widget];
    if (!path) continue;
    element.dataset.mounted = "true";
    import(new URL(`./${path}`, import.meta.url).href)
      .then((module) => module.mount(element))
      .catch((error) => showLoadFailure(element, error));
  }
}

if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(mountWidgets);
} else if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", mountWidgets);
} else {
  mountWidgets();
}
