// The page's two DOM helpers, shared by every module that builds or finds elements.

/** @typedef {Node | string} Part */

/** An element of `tag` holding the parts (strings become text, never HTML). @param {string} tag @param {...Part} parts */
export function el(tag, ...parts) {
  const e = document.createElement(tag);
  e.append(...parts);
  return e;
}

/** The element with this id (index.html has every id a module asks for). @param {string} id */
export function byId(id) {
  return /** @type {HTMLElement} */ (document.getElementById(id));
}

/** The input element with this id. @param {string} id */
export function inputById(id) {
  return /** @type {HTMLInputElement} */ (document.getElementById(id));
}
