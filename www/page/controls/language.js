// The header's language selector (中文 / English): switches the page's words
// at once, without touching the run, and keeps the choice in this browser.

import { LANGUAGES, language, setLanguage } from '../i18n.js';
import { byId } from '../ui/dom.js';

/** @param {{ render: () => void, configChanged: () => void }} app */
export function setupLanguage(app) {
  const select = byId('language', HTMLSelectElement);
  for (const [lang, name] of LANGUAGES) select.add(new Option(name, lang));
  select.value = language();
  select.addEventListener('change', async () => {
    const lang = /** @type {import('../i18n.js').Language} */ (select.value);
    await setLanguage(lang, { save: true });
    // An address that names a language names the one chosen now, so that a reload keeps it.
    const url = new URL(location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', lang);
      history.replaceState(history.state, '', url);
    }
    app.configChanged();
    app.render();
  });
}
