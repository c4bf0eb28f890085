// The page's messages that belong to a panel rather than to one typed value
// (those live beside their field: fields.js). Each area shows at most one
// message about what just happened (role "alert" for a problem, "status" for
// news), which the area's next message replaces; a problem is stale once a
// later action succeeds (`settled`), and goes then. A lasting message is a
// condition, not an event ("this browser will not save"): it has a key, stays
// until whoever said it takes it back, and may offer buttons.

import { el } from './dom.js';

/**
 * @typedef {'alert' | 'status'} Role
 * @typedef {{ label: string, run: () => void }} Action
 * @typedef {{
 *   role?: Role,
 *   key?: string,
 *   field?: HTMLElement,
 *   actions?: Action[],
 *   extra?: Node[],
 * }} Options
 *   `key`: a lasting message (taken back with `take`); `field`: the control
 *   the problem is about, marked invalid while the message stands; `extra`:
 *   elements that go with the text (a link to copy).
 */

export class Messages {
  /** @param {Record<string, HTMLElement>} areas the elements messages go in, by name */
  constructor(areas) {
    this.areas = areas;
    this.counter = 0;
  }

  /**
   * Says `text` in an area; returns the message's element.
   * @param {string} area @param {string} text @param {Options} [options]
   */
  say(area, text, options = {}) {
    const { role = 'status', key, field, actions = [], extra = [] } = options;
    const box = this.areas[area];
    const p = el('p', text);
    p.className = role === 'alert' ? 'error' : 'status';
    p.setAttribute('role', role);
    p.id = `message-${area}-${++this.counter}`;
    const parts = actions.length > 0 ? [...extra, el('p', ...actions.map((a) => button(a)))] : extra;
    const message = parts.length > 0 ? el('div', p, ...parts) : p;
    message.dataset.message = key ? `lasting:${key}` : 'event';
    const old = box.querySelector(`:scope > [data-message="${key ? `lasting:${key}` : 'event'}"]`);
    if (old) this.#remove(old);
    if (field) {
      field.setAttribute('aria-invalid', 'true');
      field.setAttribute('aria-describedby', p.id);
      message.dataset.field = field.id;
    }
    // Lasting messages stay below the news, in the order they were said.
    if (key || !box.firstElementChild) box.append(message);
    else box.prepend(message);
    return message;
  }

  /** Takes back an area's lasting message. @param {string} area @param {string} key */
  take(area, key) {
    const old = this.areas[area].querySelector(`:scope > [data-message="lasting:${key}"]`);
    if (old) this.#remove(old);
  }

  /** Removes an area's message about what just happened. @param {string} area */
  clear(area) {
    const old = this.areas[area].querySelector(':scope > [data-message="event"]');
    if (old) this.#remove(old);
  }

  /** An action succeeded: every problem an earlier action reported is stale. */
  settled() {
    for (const box of Object.values(this.areas)) {
      const old = box.querySelector(':scope > [data-message="event"]');
      if (old && (old.getAttribute('role') === 'alert' || old.querySelector('[role="alert"]'))) this.#remove(old);
    }
  }

  /** @param {Element} message */
  #remove(message) {
    const id = /** @type {HTMLElement} */ (message).dataset.field;
    const field = id ? document.getElementById(id) : null;
    if (field) {
      field.removeAttribute('aria-invalid');
      field.removeAttribute('aria-describedby');
    }
    message.remove();
  }
}

/** @param {Action} action */
function button(action) {
  const b = /** @type {HTMLButtonElement} */ (el('button', action.label));
  b.type = 'button';
  b.addEventListener('click', action.run);
  return b;
}
