// Widget loader, on every page (tiny). A classic, deferred script, not a module: a page opened
// from a file (file://) blocks module scripts with an error in the console, and there this
// loader does nothing (the page itself says why the tools need the guide served: main.html).
// Served, it imports the widget code only on a page that holds a widget ([data-widget]); that
// code starts Pyodide in a module worker. Other pages load no Pyodide bytes. With Material's
// instant navigation, `document$` emits on every page change: the widgets on the new page are
// bound again, and the one worker (python.mjs) is kept.
//
// Every page's footer offers to keep the tools for offline use (overrides/main.html); the code
// behind the button (offline.mjs) loads only when it is pressed.

(() => {
  "use strict";

  if (location.protocol === "file:") return;
  const here = document.currentScript.src; // assets/js/widgets.js
  const load = (name) => import(new URL(name, here).href);
  const contract = load("./contract.mjs");

  function showLoadFailure(element, error, WORDS) {
    const text = element.querySelector("[data-role=status-text]");
    if (text) text.textContent = WORDS.LOAD_FAILED.replace("{message}", error.message);
  }

  // Start Python at once, in parallel with fetching the widget's UI code: the worker's download
  // is the long pole, so it should not wait for the UI chain. A failure to load is reported by
  // the widget's own status area (mount).
  function startPython() {
    load("./python.mjs").then((python) => python.start()).catch(() => {});
  }

  async function offlineKept(RUNTIME) {
    const registration = await navigator.serviceWorker.getRegistration(new URL("../../", here).href);
    if (!registration || !registration.active) return false;
    return (await caches.keys()).some((name) => name.startsWith(RUNTIME.tools_cache));
  }

  function bindOffline(RUNTIME) {
    const container = document.querySelector("[data-alliance-offline]");
    const served = window.isSecureContext && "serviceWorker" in navigator;
    if (!container || container.dataset.bound || !served) return;
    container.dataset.bound = "true";
    container.hidden = false;
    const button = container.querySelector("[data-role=keep-offline]");
    button.addEventListener("click", () => {
      load("./offline.mjs").then((offline) => offline.keep(container));
    });
    offlineKept(RUNTIME).then((kept) => {
      if (!kept) return;
      button.hidden = true;
      container.querySelector("[data-role=offline-status]").textContent = container.dataset.kept;
    }, () => {});
  }

  async function mountWidgets() {
    const { RUNTIME, WIDGETS, WORDS } = await contract;
    bindOffline(RUNTIME);
    const widgets = document.querySelectorAll("[data-widget]:not([data-mounted])");
    if (widgets.length) startPython();
    for (const element of widgets) {
      const path = WIDGETS[element.dataset.widget];
      if (!path) continue;
      element.dataset.mounted = "true";
      load(`./${path}`)
        .then((module) => module.mount(element))
        .catch((error) => showLoadFailure(element, error, WORDS));
    }
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(() => {
      mountWidgets();
    });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountWidgets);
  } else {
    mountWidgets();
  }
})();
