// Firefox for the engine tests: Debian's firefox-esr driven by puppeteer-core over WebDriver
// BiDi (no geckodriver, no browser download). tests/engines/firefox.py runs this file with Node
// and talks to it in JSON lines:
//   in:  {"id": 1, "op": "<name>", ...arguments}
//   out: {"id": 1, "value": ...} or {"id": 1, "error": "..."}; the first line is {"ready": true}.
// Each step has its own time limit (`timeoutMs`, given by the caller), so a step that hangs fails
// alone, with its name, instead of stopping the whole run.

import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const [executablePath, profile] = process.argv.slice(2);

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  userDataDir: profile,
  protocol: "webDriverBiDi",
  // Nothing may reach another host: no update checks, telemetry or remote settings.
  extraPrefsFirefox: {
    "app.update.enabled": false,
    "browser.safebrowsing.malware.enabled": false,
    "browser.safebrowsing.phishing.enabled": false,
    "datareporting.policy.dataSubmissionEnabled": false,
    "network.captive-portal-service.enabled": false,
    "network.connectivity-service.enabled": false,
    "services.settings.server": "http://127.0.0.1:9/",
    "toolkit.telemetry.enabled": false,
  },
});

const contexts = new Map(); // id -> BrowserContext (its own storage, as a new profile would have)
const windows = new Map(); // id -> {page, errors}
let nextId = 1;

function windowOf(id) {
  const found = windows.get(id);
  if (!found) throw new Error(`no window ${id}`);
  return found;
}

const ops = {
  async context() {
    const id = nextId++;
    contexts.set(id, await browser.createBrowserContext());
    return id;
  },
  async closeContext({ context }) {
    await contexts.get(context).close();
    contexts.delete(context);
    for (const [id, entry] of windows) if (entry.context === context) windows.delete(id);
    return null;
  },
  async open({ context, url }) {
    // A window, not a tab: a hidden tab's timers are throttled.
    const page = await contexts.get(context).newPage({ type: "window" });
    const entry = { page, context, errors: [] };
    page.on("console", (message) => {
      if (message.type() === "error") entry.errors.push(`console.error: ${message.text()}`);
    });
    page.on("pageerror", (error) => entry.errors.push(`uncaught: ${error.message || error}`));
    const id = nextId++;
    windows.set(id, entry);
    if (url) await page.goto(url, { waitUntil: "load" });
    return id;
  },
  async goto({ window, url }) {
    await windowOf(window).page.goto(url, { waitUntil: "load" });
    return null;
  },
  async reload({ window }) {
    await windowOf(window).page.reload({ waitUntil: "load" });
    return null;
  },
  async url({ window }) {
    return windowOf(window).page.url();
  },
  async evaluate({ window, expression }) {
    return windowOf(window).page.evaluate(expression);
  },
  async click({ window, selector }) {
    await windowOf(window).page.click(selector);
    return null;
  },
  async hover({ window, selector }) {
    await windowOf(window).page.hover(selector);
    return null;
  },
  async mouse({ window, x, y }) {
    await windowOf(window).page.mouse.move(x, y, { steps: 5 });
    return null;
  },
  async press({ window, key }) {
    await windowOf(window).page.keyboard.press(key);
    return null;
  },
  async type({ window, selector, text }) {
    await windowOf(window).page.type(selector, text);
    return null;
  },
  async errors({ window }) {
    return windowOf(window).errors.splice(0);
  },
  async close({ window }) {
    await windowOf(window).page.close();
    windows.delete(window);
    return null;
  },
  async version() {
    return browser.version();
  },
};

function withLimit(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

function send(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

const lines = createInterface({ input: process.stdin });
send({ ready: true });
for await (const line of lines) {
  const { id, op, timeoutMs = 30000, ...args } = JSON.parse(line);
  if (op === "quit") break;
  try {
    if (!Object.hasOwn(ops, op)) throw new Error(`unknown step ${op}`);
    const value = await withLimit(ops[op](args), timeoutMs, op);
    send({ id, value: value === undefined ? null : value });
  } catch (error) {
    send({ id, error: String((error && error.message) || error) });
  }
}
await browser.close();
process.exit(0);
