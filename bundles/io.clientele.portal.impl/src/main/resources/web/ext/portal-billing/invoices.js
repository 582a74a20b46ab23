// The portal's Invoices screen (tab "Invoices"), contributed by the portal module: the customer's invoices with what
// remains to pay, one invoice with its lines and payments, and its PDF. Everything through GET /portal/invoices….
import { badge, facts, load, pdfLink } from './common.js';

export async function render(host, ctx) {
  if (ctx.rest.length > 0) return invoice(host, ctx, ctx.rest[0]);
  return list(host, ctx);
}

function title(ctx, i) {
  return ctx.t('billing.invoice.title', { number: i.number });
}

async function list(host, ctx) {
  const { h, t, fmt } = ctx;
  const data = await load(host, ctx, '/portal/invoices', 'billing.invoices', 'invoices', 'billing.invoices');
  if (!data) return;
  host.append(h('h1', { tabindex: '-1', text: t('billing.invoices') }));
  const due = data.balanceDue || [];
  host.append(h('p', { class: 'balance-due', id: 'balance-due' }, due.length === 0 ? t('billing.invoices.nothingDue')
    : t('billing.invoices.due', { amount: due.map((b) => fmt.money(b.amount, b.currency)).join(' + ') })));
  if (data.items.length === 0) {
    host.append(h('p', { text: t('billing.invoices.empty') }));
    return;
  }
  host.append(h('ul', { class: 'list', 'aria-label': t('billing.invoices') }, data.items.map((i) => h('li', { 'data-id': i.id },
    ctx.link('invoices/' + encodeURIComponent(i.id), title(ctx, i)), ' ', badge(ctx, 'invoice', i.status),
    h('div', { class: 'meta', text: t('billing.invoice.summary', {
      due: fmt.date(i.dueDate), total: fmt.money(i.total, i.currency), balance: fmt.money(i.balance, i.currency) }) })))));
}

async function invoice(host, ctx, id) {
  const { h, t, fmt } = ctx;
  const i = await load(host, ctx, '/portal/invoices/' + encodeURIComponent(id), 'billing.invoice.notFound', 'invoices',
    'billing.invoices.back');
  if (!i) return;
  const money = (amount) => fmt.money(amount, i.currency);
  host.append(h('p', {}, ctx.link('invoices', t('billing.invoices.back'))),
    h('h1', { tabindex: '-1', text: title(ctx, i) }),
    h('p', {}, badge(ctx, 'invoice', i.status)),
    facts(ctx, [[t('billing.invoice.billedTo'), i.legalEntityName], [t('billing.invoice.issueDate'), fmt.date(i.issueDate)],
      [t('billing.invoice.dueDate'), fmt.date(i.dueDate)], [t('billing.total'), money(i.total)],
      [t('billing.invoice.paid'), money(i.paid)], [t('billing.invoice.balance'), money(i.balance)]]),
    h('p', {}, pdfLink(ctx, '/portal/invoices/' + encodeURIComponent(i.id) + '/pdf', t('billing.pdf'))),
    h('h2', { id: 'lines-heading', text: t('billing.lines') }),
    h('ul', { class: 'list', 'aria-labelledby': 'lines-heading' }, i.lines.map((l) => h('li', {},
      h('div', { text: l.description }), h('div', { class: 'meta', text: fmt.date(l.dueDate) + ' · ' + money(l.amount) })))));
  if (i.payments.length > 0) {
    host.append(h('h2', { id: 'payments-heading', text: t('billing.invoice.payments') }),
      h('ul', { class: 'list', 'aria-labelledby': 'payments-heading' }, i.payments.map((p) => h('li', {},
        h('div', { text: money(p.amount) }), h('div', { class: 'meta', text: fmt.dateTime(p.paidAt) + ' · ' + p.method })))));
  }
}
