// The portal's "Request service" page (module portal, tab RequestService): a request {subject, description} sent
// to the agency (POST /portal/service-requests; the API's problem+json shows next to the field it names), and the
// customer's requests with the team's answers (GET /portal/service-requests).
import { pagedList, when } from './paging.js';

export async function render(host, ctx) {
  const { h, t, forms } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('portalDesk.nav.requests') }), h('p', { class: 'lead', text: t('portalDesk.requests.intro') }));

  const subject = forms.field('subject', t('portalDesk.requests.subject'), { type: 'text', required: true, maxlength: '200', autocomplete: 'off' });
  const description = forms.field('description', t('portalDesk.requests.description'), { multiline: true, required: true, maxlength: '4000' });
  const alert = forms.formAlert();
  const submit = h('button', { type: 'submit', class: 'primary', text: t('portalDesk.requests.submit') });
  const sent = h('p', { class: 'notice', role: 'status', hidden: true, text: t('portalDesk.requests.sent') });
  let list = null;
  const form = h('form', { novalidate: true, 'aria-labelledby': 'new-request-heading', onsubmit: async (event) => {
    event.preventDefault();
    sent.hidden = true;
    const fields = { subject, description };
    let missing = null;
    for (const f of Object.values(fields)) {
      const empty = !f.input.value.trim();
      forms.showFieldError(f, empty ? t('portalDesk.requests.required') : '');
      if (empty && !missing) missing = f;
    }
    forms.showAlert(alert, '');
    if (missing) {
      missing.input.focus();
      return;
    }
    forms.busy(submit, true);
    try {
      await ctx.api('POST', '/portal/service-requests', { subject: subject.input.value.trim(), description: description.input.value.trim() });
      form.reset();
      sent.hidden = false;
      ctx.announce(t('portalDesk.requests.sent'));
      await list.reload();
    } catch (e) {
      forms.showProblem(e, fields, alert);
    } finally {
      forms.busy(submit, false);
    }
  } }, h('h2', { id: 'new-request-heading', text: t('portalDesk.requests.new') }), alert, subject.wrap, description.wrap, submit);
  host.append(form, sent, h('h2', { id: 'my-requests-heading', text: t('portalDesk.requests.mine') }));

  list = await pagedList(host, ctx, {
    path: '/portal/service-requests',
    label: t('portalDesk.requests.mine'),
    empty: t('portalDesk.requests.empty'),
    item: (r) => [
      h('h3', { class: 'subject', text: r.subject }),
      h('div', { class: 'meta' }, when(ctx, r.createdAt), ' · ', h('span', { class: 'badge ' + r.status, text: t('portalDesk.requests.status.' + r.status) })),
      h('p', { class: 'pre-wrap description', text: r.description }),
      r.answer ? h('div', { class: 'answer' }, h('p', { class: 'meta' }, t('portalDesk.requests.answered'), ' ', when(ctx, r.answeredAt)),
        h('p', { class: 'pre-wrap', text: r.answer })) : null,
    ],
  });
}
