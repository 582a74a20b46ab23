// The portal's Estimates screen (tab "Estimates"), contributed by the portal module: the customer's estimates (never a
// draft), one estimate with its lines and PDF, and accepting or declining a sent one with an optional comment, after a
// confirmation. Everything through /portal/estimates….
import { badge, facts, load, pdfLink } from './common.js';

export async function render(host, ctx) {
  if (ctx.rest.length > 0) return estimate(host, ctx, ctx.rest[0]);
  return list(host, ctx);
}

async function list(host, ctx) {
  const { h, t, fmt } = ctx;
  const data = await load(host, ctx, '/portal/estimates', 'billing.estimates', 'estimates', 'billing.estimates');
  if (!data) return;
  host.append(h('h1', { tabindex: '-1', text: t('billing.estimates') }));
  if (data.items.length === 0) {
    host.append(h('p', { text: t('billing.estimates.empty') }));
    return;
  }
  host.append(h('ul', { class: 'list', 'aria-label': t('billing.estimates') }, data.items.map((e) => h('li', { 'data-id': e.id },
    ctx.link('estimates/' + encodeURIComponent(e.id), e.title), ' ', badge(ctx, 'estimate', e.status),
    h('div', { class: 'meta', text: fmt.date(e.sentAt || e.createdAt) + ' · ' + fmt.money(e.total, e.currency) })))));
}

async function estimate(host, ctx, id) {
  const e = await load(host, ctx, '/portal/estimates/' + encodeURIComponent(id), 'billing.estimate.notFound', 'estimates',
    'billing.estimates.back');
  if (e) draw(host, ctx, e);
}

function draw(host, ctx, e) {
  const { h, t, fmt } = ctx;
  const money = (amount) => fmt.money(amount, e.currency);
  ctx.clear(host);
  host.append(h('p', {}, ctx.link('estimates', t('billing.estimates.back'))),
    h('h1', { tabindex: '-1', text: e.title }),
    h('p', {}, badge(ctx, 'estimate', e.status)),
    facts(ctx, [[t('billing.estimate.date'), fmt.date(e.sentAt || e.createdAt)], [t('billing.total'), money(e.total)]]),
    h('p', {}, pdfLink(ctx, '/portal/estimates/' + encodeURIComponent(e.id) + '/pdf', t('billing.pdf'))),
    h('h2', { id: 'lines-heading', text: t('billing.lines') }),
    h('ul', { class: 'list', 'aria-labelledby': 'lines-heading' }, e.lines.map((l) => h('li', {},
      h('div', { text: l.description }),
      h('div', { class: 'meta', text: t('billing.estimate.line', {
        quantity: new Intl.NumberFormat(ctx.locale).format(Number(l.quantity)), unitPrice: money(l.unitPrice), amount: money(l.amount) }) })))));
  if (e.decidedAt) {
    host.append(h('section', { class: 'decision', 'aria-labelledby': 'decision-heading' },
      h('h2', { id: 'decision-heading', text: t('billing.estimate.decision') }),
      h('p', { id: 'decided', text: t('billing.estimate.decided.' + e.status, {
        name: e.decidedByContactName || t('billing.estimate.theAgency'), when: fmt.dateTime(e.decidedAt) }) }),
      e.decisionComment ? h('p', { class: 'comment', text: e.decisionComment }) : null));
  }
  if (e.actionable) host.append(decide(host, ctx, e));
}

/** Accept or decline, with an optional comment; the choice is confirmed before it is sent. */
function decide(host, ctx, e) {
  const { h, t, fmt, ApiError } = ctx;
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const comment = h('textarea', { id: 'decision-comment', name: 'comment', maxlength: '2000', 'aria-describedby': 'comment-hint' });
  const confirm = h('div', { class: 'confirm', id: 'confirm', hidden: true });
  const choices = h('div', { class: 'choices' },
    h('button', { type: 'button', class: 'primary', id: 'accept', text: t('billing.estimate.accept'), onclick: () => ask('accept') }),
    ' ',
    h('button', { type: 'button', id: 'decline', text: t('billing.estimate.decline'), onclick: () => ask('decline') }));

  function ask(decision) {
    ctx.clear(confirm);
    const yes = h('button', { type: 'button', class: 'primary', id: 'confirm-yes', text: t('billing.estimate.confirm.' + decision),
      onclick: () => send(decision, yes) });
    confirm.append(h('p', { id: 'confirm-question', text: t('billing.estimate.confirm.question.' + decision,
      { title: e.title, total: fmt.money(e.total, e.currency) }) }), yes, ' ',
    h('button', { type: 'button', id: 'confirm-no', text: t('billing.estimate.confirm.cancel'), onclick: () => {
      confirm.hidden = true;
      choices.hidden = false;
      host.querySelector('#' + decision).focus();
    } }));
    confirm.setAttribute('role', 'group');
    confirm.setAttribute('aria-labelledby', 'confirm-question');
    choices.hidden = true;
    confirm.hidden = false;
    yes.focus();
  }

  async function send(decision, button) {
    button.disabled = true;
    try {
      const text = comment.value.trim();
      const done = await ctx.api('POST', '/portal/estimates/' + encodeURIComponent(e.id) + '/' + decision, text ? { comment: text } : {});
      draw(host, ctx, done);
      ctx.announce(t('billing.estimate.done.' + decision));
      host.querySelector('h1').focus();
    } catch (err) {
      const field = err instanceof ApiError ? err.fieldError('comment') : undefined;
      alert.textContent = field || (err.problem && err.problem.detail) || t('billing.failed');
      alert.hidden = false;
      button.disabled = false;
      confirm.hidden = true;
      choices.hidden = false;
    }
  }

  return h('section', { class: 'actions', 'aria-labelledby': 'answer-heading' }, alert,
    h('h2', { id: 'answer-heading', text: t('billing.estimate.answer') }),
    h('label', { for: 'decision-comment', text: t('billing.estimate.comment') }), comment,
    h('p', { class: 'meta', id: 'comment-hint', text: t('billing.estimate.commentHint') }), choices, confirm);
}
