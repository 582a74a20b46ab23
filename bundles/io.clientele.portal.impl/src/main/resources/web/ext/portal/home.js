// The portal Home's card "Your account": what the customer owes, its open invoices and the latest service notes
// (GET /portal/home). A part the agency does not offer (its module or tab is off) is left out. Pieces awaiting approval
// have their own card, contributed by the ijob module.
export async function render(host, ctx) {
  const { h, t, fmt } = ctx;
  host.append(h('h2', { id: 'card-portal-home', text: t('portal.home.title') }));
  const home = await ctx.api('GET', '/portal/home');
  if (home.balanceDue) {
    const due = home.balanceDue.length === 0 ? t('portal.home.nothingDue')
      : home.balanceDue.map((m) => fmt.money(m.amount, m.currency)).join(' + ');
    host.append(h('p', { class: 'figure' }, h('span', { class: 'meta', text: t('portal.home.balanceDue') + ' ' }),
      h('strong', { id: 'balance-due', text: due })));
  }
  if (home.openInvoices && home.openInvoices.length > 0) {
    host.append(h('h3', { text: t('portal.home.openInvoices') }), h('ul', { class: 'list', id: 'open-invoices' },
      home.openInvoices.map((i) => h('li', {}, t('portal.home.invoice', { number: i.number }), ' · ',
        h('strong', { text: fmt.money(i.balance, i.currency) }),
        h('div', { class: 'meta', text: t('portal.home.due', { date: fmt.date(i.dueDate) }) })))));
  }
  if (home.latestNotes) {
    host.append(h('h3', { text: t('portal.home.notes') }));
    if (home.latestNotes.length === 0) host.append(h('p', { class: 'meta', text: t('portal.home.noNotes') }));
    else {
      host.append(h('ul', { class: 'list', id: 'latest-notes' }, home.latestNotes.map((n) => h('li', {},
        h('p', { text: n.body }), h('div', { class: 'meta' }, h('time', { datetime: n.createdAt, text: fmt.dateTime(n.createdAt) }))))));
    }
  }
}
