// The widget's loading status: the worker's state in words (WORDS, from
// Python's contract), a progress bar and Retry.

import { ROLES, WORDS } from "./contract.mjs";
import * as python from "./python.mjs";
import { byRole } from "./ui-dom.mjs";
import { fill } from "./words.mjs";

// That this browser will not keep the tools is said once in a tab (by the first widget to be
// ready after it is known), not on every page or reload.
const NOT_KEPT_SAID = "alliance-not-kept-said";
let notKeptSaidBy = null;

function saysNotKept(widget, status) {
  if (status.state !== "ready" || status.keeps !== false) return false;
  if (notKeptSaidBy) return notKeptSaidBy === widget;
  try {
    if (sessionStorage.getItem(NOT_KEPT_SAID)) return false;
    sessionStorage.setItem(NOT_KEPT_SAID, "1");
  } catch {
    // No sessionStorage: said once per page.
  }
  notKeptSaidBy = widget;
  return true;
}

function words(status, waiting, widget) {
  const { message } = status;
  if (status.state === "loading") return fill(waiting ? WORDS.LOADING_KEPT : WORDS.LOADING, { message });
  if (status.state === "ready") return saysNotKept(widget, status) ? `${WORDS.READY} ${WORDS.NOT_KEPT}` : WORDS.READY;
  if (status.state === "error") return fill(status.retryable === false ? WORDS.FAILED_FINAL : WORDS.FAILED, { message });
  return WORDS.IDLE;
}

/**
 * Show the worker's state in the widget's status area and wire Retry.
 * Returns {setWaiting(bool), announce(text)}.
 */
export function bindStatus(widget) {
  const area = byRole(widget, ROLES.STATUS);
  const text = byRole(area, ROLES.STATUS_TEXT);
  const bar = byRole(area, ROLES.PROGRESS);
  const retry = byRole(area, ROLES.RETRY);
  let waiting = false;
  let last = python.currentStatus();
  area.dataset.bound = "true"; // the page's early painter (overrides/main.html) leaves it to this from now on
  let unsubscribe = () => {};

  function render(status) {
    if (!widget.isConnected) {
      unsubscribe();
      return;
    }
    last = status;
    area.dataset.state = status.state;
    text.textContent = words(status, waiting, widget);
    bar.hidden = status.state !== "loading";
    bar.value = Math.round((status.fraction || 0) * 100);
    retry.hidden = status.state !== "error" || status.retryable === false;
  }

  retry.addEventListener("click", () => python.start());
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
