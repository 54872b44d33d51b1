// Every text a page shows, in the reader's language: the texts come from /locales/{code}.json (the files in locales/),
// static HTML names its texts with data-i18n attributes, and scripts call t(). The language is, in order: ?lang= in the
// address, the reader's choice on this device (the switch), their browser's languages, English.
//
// The module waits for its texts at load (top-level await), so every module that imports it may call t() at once.

const STORE = 'fm.lang';
const SUPPORTED_FALLBACK = [{ code: 'en', name: 'English' }];

/** Reads a stored value; private browsing or a full quota must not stop the page. */
function stored(key) {
  try { return localStorage.getItem(key); } catch { return null; }
}

function store(key, value) {
  try { localStorage.setItem(key, value); } catch { /* the choice lasts this page only */ }
}

// A stalled request on venue Wi-Fi must not hold the page (every module waits for the texts): after a few seconds the
// copy this device kept, or the page's own English, does.
async function getJson(url) {
  const answer = await fetch(url, { headers: { Accept: 'application/json' }, signal: AbortSignal.timeout(4000) });
  if (!answer.ok) throw new Error(`${url}: ${answer.status}`);
  return answer.json();
}

async function loadLanguages() {
  try {
    const list = await getJson('/api/languages');
    store('fm.languages', JSON.stringify(list));
    return list;
  } catch {
    // Offline reload: the list this device saw last.
    try { return JSON.parse(stored('fm.languages')) || SUPPORTED_FALLBACK; } catch { return SUPPORTED_FALLBACK; }
  }
}

function wanted() {
  const fromAddress = new URLSearchParams(location.search).get('lang');
  return [fromAddress, stored(STORE), ...(navigator.languages || [navigator.language])]
    .filter(Boolean).map((tag) => tag.toLowerCase().split('-')[0]);
}

async function loadTexts(code) {
  try {
    const texts = await getJson(`/locales/${code}.json`);
    store(`fm.texts.${code}`, JSON.stringify(texts));
    return texts;
  } catch {
    // Flaky Wi-Fi on a reload: the texts this device kept from its last visit.
    try { return JSON.parse(stored(`fm.texts.${code}`)); } catch { return null; }
  }
}

// The list of languages and the first wish's texts load side by side, even on a first visit (a phone that scanned the
// board's code): one round trip, not two. A wish not spoken here is a 404, and the texts of the one chosen follow.
const first = wanted().find((code) => /^[a-z]{2,3}$/.test(code)) || 'en';
const [spoken, firstTexts] = await Promise.all([loadLanguages(), loadTexts(first)]);

/** The languages the app speaks: [{ code, name }], English first. */
export const languages = spoken;

const wish = wanted().find((code) => languages.some((l) => l.code === code)) || 'en';
const wishTexts = (wish === first && firstTexts) || (await loadTexts(wish));

/** The page's language code, e.g. "es": English when the wished language's texts cannot be had (offline, first visit). */
export const lang = wishTexts ? wish : 'en';

const texts = wishTexts || (first === 'en' && firstTexts) || (await loadTexts('en')) || {};
document.documentElement.lang = lang;

// Answers written on the server (problem details, e-mails sent from here) follow the page's language, not only the
// browser's: every request to this site says which language the page is in, unless it says so itself.
const plainFetch = window.fetch.bind(window);
window.fetch = (input, given) => {
  const init = given ?? {};
  const url = new URL(input instanceof Request ? input.url : input, location.href);
  if (url.origin !== location.origin) return plainFetch(input, init);
  const headers = new Headers(init.headers || (input instanceof Request ? input.headers : undefined));
  if (!headers.has('Accept-Language')) headers.set('Accept-Language', lang);
  return plainFetch(input, { ...init, headers });
};

function fill(template, vars) {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name) => (name in vars ? String(vars[name]) : whole));
}

function raw(key) {
  const value = texts[key];
  if (value === undefined) {
    console.warn(`No text "${key}" in locales/${lang}`);
    return key;
  }
  return value;
}

const numbers = new Intl.NumberFormat(lang);
const plurals = new Intl.PluralRules(lang);
// Made once: the host console words its start on every animation frame.
const relativeWords = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });

/** The text of key with its {placeholders} filled: t('common.table', { n: 19 }) gives "Mesa 19" in Spanish. */
export function t(key, vars = {}) {
  const value = raw(key);
  return fill(typeof value === 'string' ? value : (value.other ?? key), vars);
}

/** The form of key for n, with {n} written the language's way: plural('common.rounds', 3) gives "3 rounds". */
export function plural(key, n, vars = {}) {
  const value = raw(key);
  if (typeof value === 'string') return fill(value, { n: numbers.format(n), ...vars });
  const form = n === 0 && value.zero !== undefined ? 'zero' : plurals.select(n);
  return fill(value[form] ?? value.other ?? key, { n: numbers.format(n), ...vars });
}

/** Numbers, times and dates written the page's language's way (through Intl, as .NET cultures do on the server). */
export const format = {
  number: (n) => numbers.format(n),
  time: (date, options = {}) => new Date(date).toLocaleTimeString(lang, { hour: 'numeric', minute: '2-digit', ...options }),
  date: (date, options = {}) => new Date(date).toLocaleDateString(lang, { weekday: 'long', month: 'long', day: 'numeric', ...options }),
  /** "in 2 minutes" / "dentro de 2 minutos", "2 minutes ago" / "hace 2 minutos". */
  relative(ms) {
    const seconds = Math.round(ms / 1000);
    if (Math.abs(seconds) < 60) return relativeWords.format(seconds, 'second');
    const minutes = Math.round(seconds / 60);
    if (Math.abs(minutes) < 60) return relativeWords.format(minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (Math.abs(hours) < 24) return relativeWords.format(hours, 'hour');
    return relativeWords.format(Math.round(hours / 24), 'day');
  },
  /** "Alice, Bob and Carol" / "Alice, Bob y Carol". */
  list: (items) => new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' }).format(items),
};

/**
 * Puts the texts into static HTML: data-i18n="key" sets an element's text, data-i18n-html="key" its markup (only for
 * texts from our own files that hold a link or emphasis), data-i18n-attr="placeholder=key; aria-label=key2" attributes.
 */
export function translate(root = document) {
  // A text missing here (no texts at all, offline) leaves the page's own English rather than showing its key.
  const has = (key) => texts[key] !== undefined;
  for (const node of root.querySelectorAll('[data-i18n]')) if (has(node.dataset.i18n)) node.textContent = t(node.dataset.i18n);
  for (const node of root.querySelectorAll('[data-i18n-html]')) if (has(node.dataset.i18nHtml)) node.innerHTML = t(node.dataset.i18nHtml);
  for (const node of root.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [name, key] = pair.split('=').map((s) => s.trim());
      if (name && key && has(key)) node.setAttribute(name, t(key));
    }
  }
}

/** Remembers a language for this device and shows the page in it (the address's ?lang= gives way to the choice). */
export function useLanguage(code) {
  store(STORE, code);
  const url = new URL(location.href);
  url.searchParams.delete('lang');
  // The same address but for its #fragment (a host or personal link) would only scroll: load it again instead.
  if (url.href === location.href) location.reload();
  else location.replace(url);
}

/**
 * A switch to the other languages, put into container: one button per language, each named in its own language (and
 * marked with it, so a screen reader says "Español" the Spanish way). onChoose(code) runs before the page reloads in it
 * (the phone stores the choice on the person's link); it may return a promise.
 */
export function languageSwitch(container, onChoose = async () => {}) {
  container.replaceChildren();
  container.classList.add('language-switch');
  for (const language of languages.filter((l) => l.code !== lang)) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button';
    button.lang = language.code;
    button.textContent = language.name;
    button.addEventListener('click', async () => {
      button.disabled = true;
      try { await onChoose(language.code); } finally { useLanguage(language.code); }
    });
    container.append(button);
  }
}

translate();
for (const node of document.querySelectorAll('[data-language-switch]')) languageSwitch(node);
