// The page's DOM helpers, shared by every module that builds or finds elements.

/** @typedef {Node | string} Part */

/** An element of `tag` holding the parts (strings become text, never HTML). @param {string} tag @param {...Part} parts */
export function el(tag, ...parts) {
  const e = document.createElement(tag);
  e.append(...parts);
  return e;
}

/**
 * The element with this id, of the kind asked for (index.html has every id a
 * module asks for; a missing or different one is a bug in the page, said at once).
 * @template {HTMLElement} [T=HTMLElement]
 * @param {string} id @param {{ new (): T }} [kind] @returns {T}
 */
export function byId(id, kind) {
  const e = document.getElementById(id);
  const want = kind ?? HTMLElement;
  if (!(e instanceof want)) throw new Error(`the page has no ${want.name} #${id}`);
  return /** @type {T} */ (e);
}

/**
 * A link offered to copy: put on the clipboard when the browser allows, and
 * in a read-only field named `name` to copy from in any case.
 * @param {string} link @param {string} name @returns {Promise<{ field: HTMLInputElement, copied: boolean }>}
 */
export async function offerLink(link, name) {
  const field = /** @type {HTMLInputElement} */ (el('input'));
  field.readOnly = true;
  field.value = link;
  field.setAttribute('aria-label', name);
  field.className = 'link-field';
  let copied = false;
  try {
    await navigator.clipboard.writeText(link);
    copied = true;
  } catch {
    // No clipboard (a permission or an old browser): the field is there to copy from.
  }
  return { field, copied };
}

/** Offers `blob` as a download named `name`. @param {Blob} blob @param {string} name */
export function offerDownload(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
}
