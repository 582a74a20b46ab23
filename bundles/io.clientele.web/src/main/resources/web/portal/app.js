// The portal shell: routes in the browser under /portal/{agencySlug}/, renders the session pages itself and every
// other screen from the web extensions the platform lists for the contact (GET /api/v1/ui/extensions?app=portal),
// loaded as ES modules from the bundles that contribute them. The list is asked for again on every navigation, so a
// module installed or removed while the page is open appears or disappears at the next click.
import { api, ApiError } from './api.js';
import { h, clear } from './dom.js';
import { LOCALES, chooseLocale, rememberLocale, useLocale, loadMessages, t, fmt, locale } from './i18n.js';

const body = document.body;
const slug = body.dataset.agencySlug;
const agencyName = body.dataset.agencyName;
const root = '/portal/' + slug + '/';
const SHELL_MESSAGES = '/web/portal/i18n/';
const app = document.getElementById('app');
const PUBLIC = { login: loginPage, activate: activatePage, forgot: forgotPage, reset: resetPage };

let me = null;
let leave = null;
// the agency's name and uploaded logo (GET /portal/agencies/{slug}/branding, public: shown before login too)
let branding = { name: agencyName, logoUrl: null };
let rendering = 0;

function relativePath() {
  const path = location.pathname;
  return path.startsWith(root) ? path.slice(root.length) : '';
}

export function navigate(rel, replace = false) {
  const url = root + rel;
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

function link(rel, text, attrs = {}) {
  return h('a', { href: root + rel, 'data-route': rel, ...attrs }, text);
}

// links inside the app navigate without reloading the page
document.addEventListener('click', (event) => {
  const a = event.target.closest && event.target.closest('a[data-route]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  navigate(a.getAttribute('data-route'));
});
window.addEventListener('popstate', () => render());

async function render() {
  const mine = ++rendering;
  if (leave) {
    try { leave(); } catch (e) { /* the screen is gone anyway */ }
    leave = null;
  }
  const segments = relativePath().split('/').filter(Boolean);
  const page = PUBLIC[segments[0]];
  if (page) {
    document.title = agencyName;
    layout(null);
    page(main());
    focusHeading();
    rendered();
    return;
  }
  try {
    me = await api('GET', '/portal/me');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      const next = relativePath() + location.search;
      navigate('login' + (next ? '?next=' + encodeURIComponent(next) : ''), true);
      return;
    }
    throw e;
  }
  let extensions = [];
  try {
    extensions = (await api('GET', '/ui/extensions?app=portal')).items;
  } catch (e) {
    extensions = [];
  }
  await loadMessages([...new Set(extensions.map((x) => x.messages))]);
  if (mine !== rendering) return;
  const nav = extensions.filter((x) => x.slot === 'nav');
  layout(nav, segments[0] || '');
  const host = main();
  if (segments.length === 0) {
    await home(host, extensions.filter((x) => x.slot === 'home'));
  } else {
    const screen = nav.find((x) => x.route === segments[0]);
    if (!screen) {
      document.title = t('notFound.title') + ' · ' + agencyName;
      host.append(h('h1', { tabindex: '-1', text: t('notFound.title') }), h('p', { text: t('notFound.text') }), link('', t('nav.home')));
    } else {
      document.title = t(screen.labelKey) + ' · ' + agencyName;
      await mount(screen, host, segments.slice(1));
    }
  }
  focusHeading();
  rendered();
}

/** A User Timing mark when a screen's content is on the page (Home: with its cards), for the browser tests' timings. */
function rendered() {
  if (window.performance && performance.mark) performance.mark('clientele:rendered');
}

async function mount(extension, host, rest) {
  try {
    const module = await import(extension.script);
    const result = await module.render(host, context(extension, rest));
    if (typeof result === 'function') leave = result;
  } catch (e) {
    host.append(h('p', { class: 'alert', role: 'alert', text: t('error.screen') }));
  }
}

function context(extension, rest) {
  return {
    slot: extension.slot, route: extension.route, rest, slug, me, api, ApiError, h, clear, t, fmt, locale: locale(),
    link, navigate, announce, forms: FORMS,
  };
}

function main() {
  return document.getElementById('main');
}

function focusHeading() {
  const heading = main() && main().querySelector('h1');
  if (heading) {
    if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** Says something to screen readers (and shows it) after an action. */
function announce(text) {
  const status = document.getElementById('status');
  if (status) status.textContent = text;
}

function layout(nav, active) {
  clear(app);
  const languages = h('select', { id: 'language', 'aria-label': t('language.label'),
    onchange: async (e) => { rememberLocale(e.target.value); await useLocale(e.target.value, [SHELL_MESSAGES]); render(); } },
  LOCALES.map((l) => h('option', { value: l, selected: l === locale() }, t('language.' + l))));
  const header = h('header', { class: 'top' },
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h('div', { class: 'brand' },
      // only the agency's own uploaded logo (same origin: the CSP allows images from 'self' only); its name is beside it
      branding.logoUrl && branding.logoUrl.startsWith('/') ? h('img', { class: 'logo', id: 'agency-logo', src: branding.logoUrl, alt: '' }) : null,
      h('span', { class: 'names' }, h('span', { class: 'agency', text: branding.name || agencyName }),
        h('span', { class: 'product', text: t('product') }))),
    h('div', { class: 'tools' }, languages,
      nav ? h('button', { type: 'button', class: 'link', id: 'logout', onclick: logout }, t('nav.logout')) : null));
  const menu = nav ? h('nav', { 'aria-label': t('nav.label') }, h('ul', {},
    h('li', {}, link('', t('nav.home'), active === '' ? { 'aria-current': 'page' } : {})),
    nav.map((x) => h('li', {}, link(x.route, t(x.labelKey), active === x.route ? { 'aria-current': 'page' } : {}))))) : null;
  app.append(header, menu || '', h('main', { id: 'main', tabindex: '-1' }),
    h('p', { id: 'status', class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }));
}

async function logout() {
  try {
    await api('POST', '/portal/auth/logout');
  } catch (e) {
    // the session may have ended already
  }
  me = null;
  navigate('login');
}

async function home(host, cards) {
  document.title = t('home.title') + ' · ' + agencyName;
  host.append(h('h1', { tabindex: '-1', text: t('home.greeting', { name: me.contact.name }) }),
    h('p', { class: 'lead', text: t('home.customer', { customer: me.customer ? me.customer.name : '' }) }));
  const grid = h('div', { class: 'cards' });
  host.append(grid);
  for (const card of cards) {
    const section = h('section', { class: 'card', 'aria-labelledby': 'card-' + card.id.replace(/\W/g, '-') });
    grid.append(section);
    await mount(card, section, []);
  }
}

// ---- the session pages: forms whose errors (problem+json) appear next to the field they name

/** A labelled input (a textarea with {@code multiline: true}) with its hint and its error line. */
function field(id, label, attrs = {}) {
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hint = attrs.hint ? h('p', { class: 'hint', id: id + '-hint', 'aria-live': 'polite', text: attrs.hint }) : null;
  const tag = attrs.multiline ? 'textarea' : 'input';
  delete attrs.hint;
  delete attrs.multiline;
  const input = h(tag, { id, name: id, ...attrs, 'aria-describedby': [hint ? id + '-hint' : null, id + '-error'].filter(Boolean).join(' ') });
  return { wrap: h('div', { class: 'field' }, h('label', { for: id, text: label }), input, hint, error), input, error, hint };
}

function showFieldError(f, message) {
  f.error.textContent = message || '';
  f.error.hidden = !message;
  if (message) f.input.setAttribute('aria-invalid', 'true');
  else f.input.removeAttribute('aria-invalid');
}

function formAlert() {
  return h('div', { class: 'alert', role: 'alert', hidden: true });
}

function showAlert(alert, text, extra) {
  clear(alert);
  alert.hidden = !text;
  if (text) alert.append(h('p', { text }), extra || '');
}

function problemText(e) {
  if (!(e instanceof ApiError)) return t('error.network');
  const code = e.problem.code;
  if (code === 'rate_limited') return t('error.rate_limited');
  if (code === 'unauthorized') return t('error.unauthorized');
  if (code === 'validation_failed') return t('error.validation_failed');
  return e.problem.detail || t('error.generic');
}

/** Routes a problem+json to the fields it names; whatever names no field shows in the form's alert. */
function showProblem(e, fields, alert) {
  let placed = false;
  if (e instanceof ApiError) {
    for (const [name, f] of Object.entries(fields)) {
      const message = e.fieldError(name);
      showFieldError(f, message);
      placed = placed || Boolean(message);
    }
  }
  showAlert(alert, placed ? '' : problemText(e));
  const first = Object.values(fields).find((f) => f.input.getAttribute('aria-invalid') === 'true');
  (first ? first.input : alert).focus && (first ? first.input.focus() : null);
}

function busy(button, on) {
  button.disabled = on;
  button.setAttribute('aria-busy', on ? 'true' : 'false');
}

// the form helpers, for the screens of web extensions too: their errors from problem+json next to the field they name
const FORMS = { field, showFieldError, showProblem, formAlert, showAlert, busy };

function query(name) {
  return new URLSearchParams(location.search).get(name);
}

function loginPage(host) {
  const email = field('email', t('login.email'), { type: 'email', autocomplete: 'username', required: true });
  const password = field('password', t('login.password'), { type: 'password', autocomplete: 'current-password', required: true });
  const alert = formAlert();
  const submit = h('button', { type: 'submit', class: 'primary', text: t('login.submit') });
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      await api('POST', '/portal/auth/login', { agency: slug, email: email.input.value.trim(), password: password.input.value });
      const next = query('next');
      navigate(next && !next.startsWith('/') && !next.includes('//') ? next : '', true);
    } catch (e) {
      showProblem(e, { email, password }, alert);
    } finally {
      busy(submit, false);
    }
  } }, alert, email.wrap, password.wrap, submit);
  host.append(h('h1', { tabindex: '-1', text: t('login.title') }), form,
    h('p', {}, link('forgot', t('login.forgot'))));
}

function forgotPage(host) {
  const email = field('email', t('login.email'), { type: 'email', autocomplete: 'username', required: true });
  const alert = formAlert();
  const done = h('p', { class: 'notice', role: 'status', hidden: true, text: t('forgot.sent') });
  const submit = h('button', { type: 'submit', class: 'primary', text: t('forgot.submit') });
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    busy(submit, true);
    try {
      await api('POST', '/portal/auth/forgot-password', { agency: slug, email: email.input.value.trim() });
      done.hidden = false;
      showAlert(alert, '');
      showFieldError(email, '');
    } catch (e) {
      showProblem(e, { email }, alert);
    } finally {
      busy(submit, false);
    }
  } }, alert, email.wrap, submit);
  host.append(h('h1', { tabindex: '-1', text: t('forgot.title') }), h('p', { text: t('forgot.intro') }), form, done,
    h('p', {}, link('login', t('forgot.back'))));
}

function activatePage(host) {
  passwordPage(host, '/portal/auth/activate', 'activate');
}

function resetPage(host) {
  passwordPage(host, '/portal/auth/reset-password', 'reset');
}

/** Activation and reset: a new password with the policy's feedback while it is typed, then straight to Home. */
function passwordPage(host, endpoint, kind) {
  const token = query('token');
  host.append(h('h1', { tabindex: '-1', text: t(kind + '.title') }), h('p', { text: t(kind + '.intro') }));
  if (!token) {
    host.append(h('p', { class: 'alert', role: 'alert', text: t('password.noToken') }), h('p', {}, link('forgot', t('login.forgot'))));
    return;
  }
  const password = field('password', t('password.new'), { type: 'password', autocomplete: 'new-password', required: true,
    minlength: '12', maxlength: '128', hint: t('password.rule') });
  const confirm = field('confirm', t('password.confirm'), { type: 'password', autocomplete: 'new-password', required: true });
  const alert = formAlert();
  const submit = h('button', { type: 'submit', class: 'primary', text: t(kind + '.submit') });
  let timer = null;
  let checked = 0;
  password.input.addEventListener('input', () => {
    const value = password.input.value;
    clearTimeout(timer);
    const local = localProblem(value);
    if (local) {
      password.hint.textContent = local;
      password.hint.className = 'hint weak';
      return;
    }
    password.hint.textContent = t('password.checking');
    password.hint.className = 'hint';
    const mine = ++checked;
    timer = setTimeout(async () => {
      try {
        const verdict = await api('POST', '/portal/auth/password-check', { password: value });
        if (mine !== checked) return;
        password.hint.textContent = verdict.acceptable ? t('password.strong') : t('password.breached');
        password.hint.className = verdict.acceptable ? 'hint good' : 'hint weak';
      } catch (e) {
        password.hint.textContent = t('password.rule');
      }
    }, 300);
  });
  const form = h('form', { novalidate: true, onsubmit: async (event) => {
    event.preventDefault();
    showFieldError(confirm, '');
    if (confirm.input.value !== password.input.value) {
      showFieldError(confirm, t('password.mismatch'));
      confirm.input.focus();
      return;
    }
    busy(submit, true);
    try {
      await api('POST', endpoint, { token, password: password.input.value });
      navigate('', true);
    } catch (e) {
      const tokenProblem = e instanceof ApiError && (e.fieldError('token') || e.status === 401 || e.status === 404 || e.status === 410);
      if (tokenProblem && !e.fieldError('password')) {
        showAlert(alert, t('password.badToken'), h('p', {}, link('forgot', t('login.forgot'))));
        alert.focus && alert.setAttribute('tabindex', '-1');
        alert.focus();
      } else {
        showProblem(e, { password }, alert);
      }
    } finally {
      busy(submit, false);
    }
  } }, alert, password.wrap, confirm.wrap, submit);
  host.append(form);
}

function localProblem(value) {
  const length = [...value].length;
  if (length === 0) return t('password.rule');
  if (length < 12) return t('password.tooShort', { missing: 12 - length });
  if (length > 128) return t('password.tooLong');
  return null;
}

async function loadBranding() {
  try {
    const r = await fetch('/api/v1/portal/agencies/' + encodeURIComponent(slug) + '/branding', { credentials: 'same-origin' });
    if (r.ok) branding = await r.json();
  } catch (e) {
    // without the portal module (or offline) the page keeps the agency's name
  }
}

async function start() {
  await Promise.all([useLocale(chooseLocale(body.dataset.agencyLocale), [SHELL_MESSAGES]), loadBranding()]);
  await render();
}

start().catch(() => {
  clear(app).append(h('p', { class: 'alert', role: 'alert', text: 'The portal could not start. / O portal não pôde iniciar.' }));
});
