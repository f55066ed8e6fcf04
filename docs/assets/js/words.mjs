// Python's words (contract.mjs: WORDS, RUNTIME_WORDS) with their {name} slots filled in. The
// browser code fills in numbers and file names only; every sentence is Python's.

/** `template` with each {name} replaced by String(values[name]); a slot without a value stays. */
export function fill(template, values = {}) {
  return template.replace(/\{([a-z_]+)\}/g, (slot, name) => (Object.hasOwn(values, name) ? String(values[name]) : slot));
}
