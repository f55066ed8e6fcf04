// Widget loader, on every page (tiny). Only a page that holds a widget
// ([data-widget]) imports the widget code, which starts Pyodide in a module
// worker; other pages load no Pyodide bytes. With Material's instant
// navigation, `document$` emits on every page change: the widgets on the new
// page are bound again, and the one worker (python.mjs) is kept.
//
// Every page's footer offers to keep the tools for offline use (overrides/main.html);
// the code behind the button (offline.mjs) loads only when it is pressed.

import { RUNTIME, WIDGETS } from "./contract.mjs";

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

const OFFLINE_KEPT = "The tools and the guide are kept in this browser for offline use.";

async function offlineKept() {
  const registration = await navigator.serviceWorker.getRegistration(new URL("../../", import.meta.url).href);
  if (!registration || !registration.active) return false;
  return (await caches.keys()).some((name) => name.startsWith(RUNTIME.tools_cache));
}

function bindOffline() {
  const container = document.querySelector("[data-alliance-offline]");
  const served = location.protocol !== "file:" && window.isSecureContext && "serviceWorker" in navigator;
  if (!container || container.dataset.bound || !served) return;
  container.dataset.bound = "true";
  container.hidden = false;
  const button = container.querySelector("[data-role=keep-offline]");
  button.addEventListener("click", () => {
    import(new URL("./offline.mjs", import.meta.url).href).then((offline) => offline.keep(container));
  });
  offlineKept().then((kept) => {
    if (!kept) return;
    button.hidden = true;
    container.querySelector("[data-role=offline-status]").textContent = OFFLINE_KEPT;
  }, () => {});
}

function mountWidgets() {
  bindOffline();
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
