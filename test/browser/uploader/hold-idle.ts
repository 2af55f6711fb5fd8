// Imported before src/standalone.js: holds the callbacks the page asks to run when idle, so a suite can check what
// happens before the entry's idle preload (files added while the engine is not loaded) and then run it on purpose.
const held: IdleRequestCallback[] = [];

window.requestIdleCallback = (callback: IdleRequestCallback) => held.push(callback);

/** Runs (and forgets) the idle callbacks asked for so far. */
export function runIdleCallbacks(): number {
  const due = held.splice(0);
  for (const callback of due) callback({ didTimeout: false, timeRemaining: () => 50 });
  return due.length;
}
