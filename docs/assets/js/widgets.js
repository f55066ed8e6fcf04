// Widget loader, on every page (tiny). Only a page that holds a widget
// ([data-widget]) imports the widget code, which starts Pyodide in a module
// worker; other pages load no Pyodide bytes. With Material's instant
// navigation, `document$` emits on every page change: the widgets on the new
// page are bound again, and the one worker (python.mjs) is kept.

const WIDGET_MODULES = {
  classifier: "./ui-classifier.mjs",
  plan: "./ui-plan.mjs",
};

function showLoadFailure(element, error) {
  const text = element.querySelector("[data-role=status-text]");
  if (text) {
    text.textContent = `The tool could not start: a script failed to load (${error.message}). Reload the page to try again.`;
  }
}

function mountWidgets() {
  for (const element of document.querySelectorAll("[data-widget]")) {
    if (element.dataset.mounted) continue;
    const path = WIDGET_MODULES[element.dataset.widget];
    if (!path) continue;
    element.dataset.mounted = "true";
    import(new URL(path, import.meta.url).href)
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
