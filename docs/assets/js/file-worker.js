// The inside of overrides/main.html's frame worker (see file-worker.html): what a worker
// script expects of its global scope, in a window. Messages from the page arrive as the
// window's own "message" events; postMessage answers the page. Only workers that import
// no other script run here (Material's search worker, in English).
(() => {
  const page = window.parent;
  // A worker has no parent: Material's search worker would reach into this one (another origin
  // from a file) to look for a shim. `parent` is [Replaceable]: this hides it from the script.
  window.parent = undefined;
  const script = decodeURIComponent(location.hash.slice(1));
  const allowed = new URL(".", location.href).href.replace(/assets\/js\/$/, "");
  if (!script.startsWith(allowed)) return; // only this site's own scripts
  // The worker script's postMessage(data) answers the page; a call with a target origin
  // (the page posting into this frame, should the browser treat both as one origin) is the window's own.
  const own = window.postMessage.bind(window);
  window.postMessage = (data, ...rest) => (rest.length ? own(data, ...rest) : page.postMessage(data, "*"));
  window.importScripts = () => {
    throw new Error("importScripts is not available to a worker run from a file");
  };
  const element = document.createElement("script");
  element.src = script;
  document.head.append(element);
})();
