// The ijob module's portal "Jobs" page: the customer's jobs (GET /portal/jobs) and a form to request a new one
// (POST /portal/jobs). The request's description and wished date go into the job's briefing under the questions
// as the contact read them, so the team sees what was asked.
export async function render(host, ctx) {
  const { h, t } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('ijob.nav.jobs') }));
  const listHost = h('section', { 'aria-labelledby': 'jobs-heading' });
  host.append(requestForm(ctx, () => refresh(ctx, listHost)), listHost);
  await refresh(ctx, listHost);
}

async function refresh(ctx, host) {
  const { h, t, fmt } = ctx;
  const data = await ctx.api('GET', '/portal/jobs');
  ctx.clear(host);
  host.append(h('h2', { id: 'jobs-heading', text: t('ijob.jobs.list') }));
  if (data.items.length === 0) {
    host.append(h('p', { class: 'meta', text: t('ijob.jobs.empty') }));
    return;
  }
  host.append(h('ul', { class: 'list', id: 'job-list' }, data.items.map((j) => h('li', { 'data-job': j.id },
    h('strong', { text: j.title }),
    h('div', { class: 'meta' }, h('time', { datetime: j.createdAt, text: fmt.dateTime(j.createdAt) }), ' · ',
      t(j.origin === 'PORTAL' ? 'ijob.jobs.requested' : 'ijob.jobs.opened')),
    Object.keys(j.briefing).length === 0 ? null : h('dl', { class: 'briefing' }, Object.entries(j.briefing).flatMap(([q, a]) =>
      [h('dt', { text: q }), h('dd', { text: a })]))))));
}

function requestForm(ctx, done) {
  const { h, t, ApiError } = ctx;
  const describeLabel = t('ijob.jobs.describe');
  const whenLabel = t('ijob.jobs.when');
  const fields = {
    title: input(ctx, 'job-title', t('ijob.jobs.title'), h('input', { type: 'text', id: 'job-title', name: 'title', required: true, maxlength: '200', autocomplete: 'off' })),
    description: input(ctx, 'job-description', describeLabel, h('textarea', { id: 'job-description', name: 'description', required: true, maxlength: '4000' })),
    when: input(ctx, 'job-when', whenLabel, h('input', { type: 'date', id: 'job-when', name: 'when' })),
  };
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const send = h('button', { type: 'submit', class: 'primary', text: t('ijob.jobs.send') });
  const form = h('form', { novalidate: true, id: 'job-request', 'aria-labelledby': 'job-request-heading', onsubmit: async (event) => {
    event.preventDefault();
    Object.values(fields).forEach((f) => showError(f, null));
    alert.hidden = true;
    const title = fields.title.control.value.trim();
    const description = fields.description.control.value.trim();
    let missing = false;
    if (!title) { showError(fields.title, t('ijob.jobs.required')); missing = true; }
    if (!description) { showError(fields.description, t('ijob.jobs.required')); missing = true; }
    if (missing) {
      form.querySelector('[aria-invalid="true"]').focus();
      return;
    }
    const briefing = { [describeLabel]: description };
    if (fields.when.control.value) briefing[whenLabel] = fields.when.control.value;
    send.disabled = true;
    send.setAttribute('aria-busy', 'true');
    try {
      await ctx.api('POST', '/portal/jobs', { title, briefing });
      form.reset();
      ctx.announce(t('ijob.jobs.sent'));
      alert.hidden = false;
      alert.className = 'notice';
      alert.textContent = t('ijob.jobs.sent');
      await done();
    } catch (e) {
      const onTitle = e instanceof ApiError ? e.fieldError('title') : undefined;
      const onBriefing = e instanceof ApiError ? e.fieldError('briefing') : undefined;
      if (onTitle) showError(fields.title, onTitle);
      if (onBriefing) showError(fields.description, onBriefing);
      if (!onTitle && !onBriefing) {
        alert.hidden = false;
        alert.className = 'alert';
        alert.textContent = (e.problem && e.problem.detail) || t('ijob.failed');
      }
    } finally {
      send.disabled = false;
      send.removeAttribute('aria-busy');
    }
  } }, h('h2', { id: 'job-request-heading', text: t('ijob.jobs.new') }), alert,
  fields.title.row, fields.description.row, fields.when.row, send);
  return form;
}

function input(ctx, id, label, control) {
  const { h } = ctx;
  const error = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  control.setAttribute('aria-describedby', id + '-error');
  return { control, error, row: h('div', { class: 'field' }, h('label', { for: id, text: label }), control, error) };
}

function showError(field, message) {
  field.error.hidden = !message;
  field.error.textContent = message || '';
  if (message) field.control.setAttribute('aria-invalid', 'true');
  else field.control.removeAttribute('aria-invalid');
}
