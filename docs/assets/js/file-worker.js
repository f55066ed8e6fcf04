// The inside of overrides/main.html's frame worker (see file-worker.html): what a worker
// script expects of its global scope, in a window. Messages from the page arrive as the
// window's own "message" events; postMessage answers the page. Only workers that import
// no other script run here (Material's search worker, in English).
//
// It runs only for a page opened from a file (file://), where browsers start no worker; a served
// site starts real workers and never needs it. The script to run is named by the fragment, and
// only one of this copy of the guide's own files runs: its address as the browser reads it
// (".." and "%2e%2e" resolved), on file:, inside the folder that holds the guide.
(() => {
  if (location.protocol !== "file:") return;
  const page = window.parent;
  // A worker has no parent: Material's search worker would reach into this one (another origin
  // from a file) to look for a shim. `parent` is [Replaceable]: this hides it from the script.
  window.parent = undefined;
  let script;
  try {
    script = new URL(decodeURIComponent(location.hash.slice(1)));
  } catch {
    return; // not an address
  }
  const guide = new URL("../../", location.href); // this file is in assets/js/
  const own = script.protocol === "file:" && script.host === guide.host && !script.search && !script.hash
    && script.pathname.startsWith(guide.pathname);
  if (!own) return;
  // The worker script's postMessage(data) answers the page; a call with a target origin
  // (the page posting into this frame, should the browser treat both as one origin) is the window's own.
  const post = window.postMessage.bind(window);
  window.postMessage = (data, ...rest) => (rest.length ? post(data, ...rest) : page.postMessage(data, "*"));
  window.importScripts = () => {
    throw new Error("importScripts is not available to a worker run from a file");
  };
  const element = document.createElement("script");
  element.src = script.href;
  document.head.append(element);
})();
