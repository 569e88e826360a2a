// One clock for the `ui` latency bench: the input event's time and the frame that shows the
// result, both as `performance.timeOrigin + …` (epoch milliseconds with sub-millisecond
// resolution), read inside the documents where they happen (the workbench page for text edits,
// the webview for everything else). A probe records input events in the capture phase (their
// own timestamps, not Playwright's) and waits for a condition on the webview's DOM with a
// MutationObserver; the result counts at the next animation frame after the condition holds.

/** Records the input events of a document (`target`: the workbench page or a webview frame locator). */
export function installInputProbe(target) {
  return target.locator("body").evaluate(() => {
    const view = globalThis;
    if (view.cnnInputs) return;
    view.cnnInputs = [];
    for (const type of ["pointerdown", "keydown", "input"]) {
      view.addEventListener(type, (event) => {
        view.cnnInputs.push({ type, key: event.key ?? "", at: view.performance.timeOrigin + event.timeStamp });
        if (view.cnnInputs.length > 1000) view.cnnInputs.splice(0, 500);
      }, true);
    }
  });
}

/** The time of the last input event of `type` (and `key`) recorded after `since`. */
export function lastInput(target, type, since, key) {
  return target.locator("body").evaluate((_body, { type: wanted, since: after, key: wantedKey }) => {
    const matches = (entry) => entry.type === wanted && entry.at >= after && (wantedKey === undefined || entry.key === wantedKey);
    const found = globalThis.cnnInputs.filter(matches);
    return found.at(-1)?.at ?? null;
  }, { type, since, key });
}

export function clockOf(target) {
  return target.locator("body").evaluate(() => globalThis.performance.timeOrigin + globalThis.performance.now());
}

/**
 * Arms a wait in the webview for conditions (serialisable), each one of:
 *   { kind: "textChanged", selector, from }   the element's text differs from `from`
 *   { kind: "newSelected", known: [ids] }      a selected drawn node whose id is not in `known`
 *   { kind: "maps", layer }                    the preview shows `layer`'s finished maps
 * `readArmed` then returns, per condition, the epoch ms of the frame after it held (null: timed out).
 */
export function arm(frame, conditions, timeoutMs = 30_000) {
  return frame.locator("body").evaluate((_body, { conditions: wanted, timeoutMs: limit }) => {
    const view = globalThis;
    const document = view.document;
    const clock = () => view.performance.timeOrigin + view.performance.now();
    const holds = (condition) => {
      if (condition.kind === "textChanged") {
        const element = document.querySelector(condition.selector);
        return element !== null && element.textContent !== condition.from;
      }
      if (condition.kind === "newSelected") {
        return [...document.querySelectorAll(".react-flow__node.selected")].some((node) => !condition.known.includes(node.dataset.id));
      }
      const headline = document.querySelector(".cnn-preview-headline");
      return headline !== null && headline.textContent.includes(condition.layer) && document.querySelector(".cnn-preview-progress") === null
        && document.querySelector(".cnn-preview-grid canvas") !== null;
    };
    const waitFor = (condition) => new Promise((resolve) => {
      const observer = new view.MutationObserver(() => check());
      const timer = view.setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, limit);
      function check() {
        if (!holds(condition)) return;
        observer.disconnect();
        view.clearTimeout(timer);
        view.requestAnimationFrame(() => resolve(clock()));
      }
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    view.cnnArmed = Promise.all(wanted.map(waitFor));
  }, { conditions, timeoutMs });
}

export function readArmed(frame) {
  return frame.locator("body").evaluate(() => globalThis.cnnArmed);
}

/** Median and p90 of a list of milliseconds. */
export function spread(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction) => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
  return { median: at(0.5), p90: at(0.9), count: sorted.length };
}
