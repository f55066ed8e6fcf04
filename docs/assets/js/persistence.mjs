// Whether this browser keeps the tools from one page load to the next (for worker.mjs).
//
// The tools' files and snapshot live in Cache Storage. A browser whose storage does not persist
// (WebKit's automation session; likely Safari's and others' private windows) may drop them once
// the page goes, so the next load finds nothing and downloads everything again. Nothing says so
// beforehand; afterwards it shows: the worker notes here, in IndexedDB, each build whose tools it
// kept, and a load that finds the note but not the files knows the browser dropped them.
// (Clearing a site's data clears both; a browser that drops both is not caught, and costs the
// same as a first visit.)

const DATABASE = "alliance-runtime";
const STORE = "kept"; // toolkit id -> true

function open() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function inStore(mode, act) {
  const database = await open();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      const request = act(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error);
    });
  } finally {
    database.close();
  }
}

/** Note that this build's tools were kept in this browser. */
export async function noteKept(toolkitId) {
  try {
    await inStore("readwrite", (store) => store.put(true, String(toolkitId)));
  } catch {
    // No IndexedDB: a dropped cache then goes unnoticed, as it did before this check.
  }
}

/** True if an earlier load noted this build's tools as kept. */
export async function wereKept(toolkitId) {
  try {
    return Boolean(await inStore("readonly", (store) => store.get(String(toolkitId))));
  } catch {
    return false;
  }
}
