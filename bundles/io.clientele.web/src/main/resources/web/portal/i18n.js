// Messages and formats by locale. Every string of the shell is in i18n/<locale>.json; each extension brings its own
// files under its assets ({messages}<locale>.json), merged in when its screens are listed.
export const LOCALES = ['pt-BR', 'en'];
const CHOICE = 'clientele.locale'; // the chosen language only (never a token: those live in HttpOnly cookies)

let current = 'pt-BR';
let messages = {};
const loaded = new Set();

export function chooseLocale(agencyDefault) {
  const stored = localStorage.getItem(CHOICE);
  if (LOCALES.includes(stored)) return stored;
  for (const wanted of navigator.languages || [navigator.language]) {
    const lower = (wanted || '').toLowerCase();
    if (lower.startsWith('pt')) return 'pt-BR';
    if (lower.startsWith('en')) return 'en';
  }
  return LOCALES.includes(agencyDefault) ? agencyDefault : 'pt-BR';
}

export function rememberLocale(locale) {
  localStorage.setItem(CHOICE, locale);
}

export async function useLocale(locale, bases) {
  if (locale !== current) {
    messages = {};
    loaded.clear();
  }
  current = locale;
  document.documentElement.lang = locale;
  await loadMessages(bases);
}

export async function loadMessages(bases) {
  await Promise.all(bases.filter((b) => !loaded.has(b)).map(async (base) => {
    loaded.add(base);
    try {
      const r = await fetch(base + current + '.json', { credentials: 'same-origin' });
      if (r.ok) Object.assign(messages, await r.json());
    } catch (e) {
      loaded.delete(base);
    }
  }));
}

export function locale() {
  return current;
}

/** The message for key, with {name} placeholders filled from params; the key itself when missing. */
export function t(key, params) {
  const text = messages[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (params && params[name] !== undefined ? String(params[name]) : m));
}

export const fmt = {
  dateTime(iso) {
    return iso ? new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)) : '';
  },
  date(iso) {
    return iso ? new Intl.DateTimeFormat(current, { dateStyle: 'medium' }).format(new Date(iso)) : '';
  },
  money(amount, currency) {
    return new Intl.NumberFormat(current, { style: 'currency', currency: currency || 'BRL' }).format(Number(amount));
  },
};
