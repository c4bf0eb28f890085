// The keyboard shortcuts (docs/ui.md, "Keys"), active when the focus is
// not in a field one types into or chooses from, and no modifier is held.
// On a focused button Space plays or pauses too (Enter still presses it).

/**
 * @param {{ togglePlay: () => void, step: () => void, stepEpoch: () => void, reset: () => void, showKeys: () => void }} actions
 */
export function installKeys(actions) {
  /** @type {Record<string, () => void>} */
  const bindings = {
    ' ': actions.togglePlay,
    ArrowRight: actions.step,
    s: actions.step,
    S: actions.step,
    e: actions.stepEpoch,
    E: actions.stepEpoch,
    r: actions.reset,
    R: actions.reset,
    '?': actions.showKeys,
  };
  /** @param {KeyboardEvent} e */
  const ours = (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return false;
    const target = /** @type {HTMLElement} */ (e.target);
    if (target.closest('input, select, textarea, [contenteditable], dialog')) return false;
    return e.key in bindings;
  };
  document.addEventListener('keydown', (e) => {
    if (!ours(e) || e.defaultPrevented) return;
    e.preventDefault();
    if (!e.repeat || e.key !== ' ') bindings[e.key]();
  });
  // A button presses itself on Space's keyup; the key already did its job.
  document.addEventListener('keyup', (e) => {
    if (e.key === ' ' && ours(e)) e.preventDefault();
  });
}
