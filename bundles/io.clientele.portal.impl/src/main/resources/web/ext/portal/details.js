// The portal's "My details" page: the contact changes its own name, phone and position (PATCH /portal/me, a JSON merge
// patch; staff see the change in the customer's history). The e-mail is the login and is changed by the agency only.
const FIELDS = ['name', 'phone', 'position'];

export async function render(host, ctx) {
  const { h, t, ApiError } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('portal.details.title') }));
  const me = await ctx.api('GET', '/portal/me');
  const fields = {};
  for (const name of FIELDS) {
    const error = h('p', { class: 'field-error', id: 'details-' + name + '-error', hidden: true });
    const input = h('input', { id: 'details-' + name, name, value: me.contact[name] || '', maxlength: '200',
      autocomplete: name === 'name' ? 'name' : (name === 'phone' ? 'tel' : 'organization-title'),
      type: name === 'phone' ? 'tel' : 'text', required: name === 'name', 'aria-describedby': 'details-' + name + '-error' });
    fields[name] = { input, error, wrap: h('div', { class: 'field' }, h('label', { for: 'details-' + name, text: t('portal.details.' + name) }), input, error) };
  }
  const email = h('p', { class: 'meta', text: t('portal.details.email', { email: me.contact.email || '' }) });
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', text: t('portal.details.save') });
  const form = h('form', { novalidate: true, id: 'details-form', onsubmit: async (event) => {
    event.preventDefault();
    const patch = {};
    for (const name of FIELDS) {
      const value = fields[name].input.value.trim();
      patch[name] = value === '' ? null : value;
    }
    submit.disabled = true;
    alert.hidden = true;
    try {
      await ctx.api('PATCH', '/portal/me', patch);
      for (const f of Object.values(fields)) show(f, '');
      ctx.announce(t('portal.details.saved'));
    } catch (e) {
      let placed = null;
      for (const [name, f] of Object.entries(fields)) {
        const message = e instanceof ApiError ? e.fieldError(name) : undefined;
        show(f, message);
        if (message && !placed) placed = f.input;
      }
      if (placed) placed.focus();
      else {
        alert.textContent = e instanceof ApiError ? (e.problem.detail || t('error.generic')) : t('error.network');
        alert.hidden = false;
      }
    } finally {
      submit.disabled = false;
    }
  } }, alert, ...FIELDS.map((n) => fields[n].wrap), email, submit);
  host.append(form);
}

function show(f, message) {
  f.error.textContent = message || '';
  f.error.hidden = !message;
  if (message) f.input.setAttribute('aria-invalid', 'true');
  else f.input.removeAttribute('aria-invalid');
}
