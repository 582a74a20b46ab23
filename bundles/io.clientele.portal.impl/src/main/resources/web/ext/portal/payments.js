// The portal module's Payments screen (/portal/{agencySlug}/payments), served from the portal bundle and loaded by the
// portal shell as a web extension: the customer's open invoices to pay one or several at once, the method, a progress
// indicator while the payment is made and its state polled, the boleto voucher and the Pix code with copy buttons and
// their expiry, the autopay switch with the saved card, and the latest payments. A card is paid, and saved for autopay,
// on the gateway's hosted page (the REDIRECT it answers: the browser goes there, which is a navigation, not a script
// load, so the CSP stays script-src 'self'); the gateway sends the payer back to ?payment={id} (or ?setup={id}), with
// canceled=true when the payer cancelled there, and the screen then follows the payment (the saved card) to its end.
// Each pay click sends an Idempotency-Key, the same one when the same payment is asked again after a failure.
const POLL_MS = 3000;
const SETUP_POLL_MS = 2000;
const SETUP_POLLS = 30;
const CLOSED = ['SUCCEEDED', 'OVERPAID', 'FAILED', 'EXPIRED', 'CANCELED'];

export async function render(host, ctx) {
  const { h, t } = ctx;
  let stopped = false;
  let timer = null;
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
  host.append(h('h1', { tabindex: '-1', text: t('portal.payments.title') }));
  const status = h('div', { class: 'progress', role: 'status', 'aria-live': 'polite', id: 'payment-status' });
  const result = h('section', { id: 'payment-result', 'aria-labelledby': 'payment-result-heading', hidden: true });
  const invoices = h('section', { id: 'payable', 'aria-labelledby': 'payable-heading' });
  const autopay = h('section', { id: 'autopay', 'aria-labelledby': 'autopay-heading' });
  const history = h('section', { id: 'payments-history', 'aria-labelledby': 'history-heading' });
  host.append(status, result, invoices, autopay, history);

  const params = new URLSearchParams(location.search);
  const canceled = params.get('canceled') === 'true';
  // the Idempotency-Key of the last pay click that got no answer, for the same invoices, method and card choice
  let attempt = null;
  const poll = async (id) => {
    if (stopped) return;
    let p;
    try {
      p = await ctx.api('GET', '/portal/payments/' + encodeURIComponent(id));
    } catch (e) {
      busy(false, t('portal.payments.failed'));
      return;
    }
    showPayment(ctx, result, p, false, false); // back from the gateway's page: no way back there while it confirms
    if (CLOSED.includes(p.state)) {
      busy(false, t('portal.payments.state.' + p.state));
      await Promise.all([drawPayable(), drawHistory()]);
    } else {
      timer = setTimeout(() => poll(id), POLL_MS);
    }
  };
  function busy(on, text) {
    status.setAttribute('aria-busy', on ? 'true' : 'false');
    ctx.clear(status);
    if (text && on) status.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }));
    if (text) status.append(h('span', { text }));
  }

  async function pay(invoiceIds, method, saveCard, button) {
    button.disabled = true;
    busy(true, t('portal.payments.paying'));
    const fingerprint = JSON.stringify([[...invoiceIds].sort(), method, saveCard]);
    if (!attempt || attempt.fingerprint !== fingerprint) attempt = { fingerprint, key: newKey() };
    try {
      const p = await ctx.api('POST', '/portal/payments', { invoiceIds, method, saveCard },
        { headers: { 'Idempotency-Key': attempt.key } });
      attempt = null;
      if (p.nextAction && p.nextAction.kind === 'REDIRECT' && p.nextAction.url) {
        busy(true, t('portal.payments.redirecting'));
        location.assign(p.nextAction.url);
        return;
      }
      showPayment(ctx, result, p, true);
      if (CLOSED.includes(p.state)) {
        busy(false, t('portal.payments.state.' + p.state));
        button.disabled = false;
        return;
      }
      busy(true, t('portal.payments.waiting'));
      poll(p.id);
    } catch (e) {
      // the key is kept: paying the same again (after the gateway was unreachable, or the answer was lost) resumes the
      // same payment instead of starting a second one
      busy(false, (e.problem && e.problem.detail) || t('portal.payments.failed'));
      button.disabled = false;
    }
  }

  /** Back from saving a card on the gateway's page: the card arrives with the gateway's notification. */
  async function awaitSavedCard(polls) {
    if (stopped) return;
    let a;
    try {
      a = await ctx.api('GET', '/portal/autopay');
    } catch (e) {
      busy(false, t('portal.payments.failed'));
      return;
    }
    if (a.card && a.enabled) {
      await drawAutopay();
      busy(false, t('portal.autopay.saved', { brand: a.card.brand || '', last4: a.card.last4 || '' }));
    } else if (polls <= 1) {
      busy(false, t('portal.autopay.stillSaving'));
    } else {
      timer = setTimeout(() => awaitSavedCard(polls - 1), SETUP_POLL_MS);
    }
  }

  async function drawPayable() {
    ctx.clear(invoices);
    invoices.append(h('h2', { id: 'payable-heading', text: t('portal.payments.open') }));
    const data = await ctx.api('GET', '/portal/payments/payable');
    if (!data.gatewayAvailable) invoices.append(h('p', { class: 'alert', text: t('portal.payments.unavailable') }));
    if (data.items.length === 0) {
      invoices.append(h('p', { text: t('portal.payments.nothingOpen') }));
      return;
    }
    const preselected = params.get('invoice');
    const boxes = data.items.map((i) => h('input', { type: 'checkbox', id: 'inv-' + i.invoiceId, value: i.invoiceId,
      checked: preselected ? preselected === i.invoiceId : data.items.length === 1 }));
    const total = h('p', { id: 'selected-total', class: 'total', 'aria-live': 'polite' });
    const methods = h('fieldset', { class: 'methods' }, h('legend', { text: t('portal.payments.method') }));
    const save = h('input', { type: 'checkbox', id: 'save-card' });
    const saveRow = h('div', { class: 'save-card' }, save, h('label', { for: 'save-card', text: t('portal.payments.saveCard') }));
    const payButton = h('button', { type: 'submit', class: 'primary', id: 'pay', text: t('portal.payments.pay') });
    const refresh = () => {
      const chosen = data.items.filter((_, n) => boxes[n].checked);
      const currency = chosen.length ? chosen[0].currency : null;
      const sum = chosen.reduce((s, i) => s + Number(i.balance), 0);
      total.textContent = chosen.length ? t('portal.payments.total', { amount: ctx.fmt.money(sum, currency) }) : t('portal.payments.chooseInvoice');
      const offered = chosen.length ? chosen.map((i) => i.methods).reduce((a, b) => a.filter((m) => b.includes(m))) : [];
      const previous = methods.querySelector('input:checked');
      methods.querySelectorAll('div').forEach((d) => d.remove());
      offered.forEach((m, n) => methods.append(h('div', {},
        h('input', { type: 'radio', name: 'method', id: 'method-' + m, value: m,
          checked: previous ? previous.value === m : n === 0, onchange: refresh }),
        h('label', { for: 'method-' + m, text: t('portal.payments.methodName.' + m) }))));
      const method = methods.querySelector('input:checked');
      saveRow.hidden = !method || method.value !== 'CARD';
      payButton.disabled = !data.gatewayAvailable || !method || chosen.length === 0
        || new Set(chosen.map((i) => i.currency)).size > 1;
    };
    boxes.forEach((b) => b.addEventListener('change', refresh));
    const rows = data.items.map((i, n) => h('tr', {},
      h('td', {}, boxes[n]),
      h('th', { scope: 'row' }, h('label', { for: 'inv-' + i.invoiceId, text: t('portal.payments.invoice', { number: i.number }) })),
      h('td', { text: ctx.fmt.date(i.dueDate) }),
      h('td', { class: 'num', text: ctx.fmt.money(i.balance, i.currency) })));
    const form = h('form', { id: 'pay-form', onsubmit: (event) => {
      event.preventDefault();
      const chosen = data.items.filter((_, n) => boxes[n].checked).map((i) => i.invoiceId);
      const method = methods.querySelector('input:checked');
      if (chosen.length && method) pay(chosen, method.value, method.value === 'CARD' && save.checked, payButton);
    } },
    h('table', { class: 'invoices' },
      h('caption', { class: 'visually-hidden', text: t('portal.payments.open') }),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, h('span', { class: 'visually-hidden', text: t('portal.payments.select') })),
        h('th', { scope: 'col', text: t('portal.payments.invoiceCol') }), h('th', { scope: 'col', text: t('portal.payments.due') }),
        h('th', { scope: 'col', class: 'num', text: t('portal.payments.balance') }))),
      h('tbody', {}, rows)),
    total, methods, saveRow, payButton);
    invoices.append(form);
    refresh();
  }

  async function drawAutopay() {
    ctx.clear(autopay);
    autopay.append(h('h2', { id: 'autopay-heading', text: t('portal.autopay.title') }));
    const a = await ctx.api('GET', '/portal/autopay');
    const message = h('p', { class: 'meta', role: 'status' });
    if (a.card) {
      autopay.append(h('p', { id: 'saved-card', text: t('portal.autopay.card', { brand: a.card.brand || '', last4: a.card.last4 || '',
        expiry: a.card.expiry ? new Intl.DateTimeFormat(ctx.locale, { month: '2-digit', year: 'numeric' })
          .format(new Date(a.card.expiry + '-01T12:00:00Z')) : '' }) }));
    } else {
      autopay.append(h('p', { text: t('portal.autopay.noCard') }));
    }
    const toggle = h('input', { type: 'checkbox', role: 'switch', id: 'autopay-switch', checked: a.enabled,
      'aria-checked': a.enabled ? 'true' : 'false', onchange: async () => {
        toggle.disabled = true;
        try {
          if (toggle.checked && !a.card) {
            const setup = await ctx.api('POST', '/portal/payment-methods');
            if (setup.nextAction && setup.nextAction.url) {
              message.textContent = t('portal.payments.redirecting');
              location.assign(setup.nextAction.url);
              return;
            }
          } else {
            await ctx.api('PUT', '/portal/autopay', { enabled: toggle.checked });
            ctx.announce(t(toggle.checked ? 'portal.autopay.on' : 'portal.autopay.off'));
          }
          await drawAutopay();
        } catch (e) {
          toggle.checked = !toggle.checked;
          toggle.disabled = false;
          message.textContent = (e.problem && e.problem.detail) || t('portal.payments.failed');
        }
      } });
    autopay.append(h('div', { class: 'switch' }, toggle, h('label', { for: 'autopay-switch', text: t('portal.autopay.switch') })), message);
    if (a.lastChargeState) {
      autopay.append(h('p', { class: 'meta', text: t('portal.autopay.last.' + a.lastChargeState) + (a.lastChargeMessage ? ' — ' + a.lastChargeMessage : '') }));
    }
  }

  async function drawHistory() {
    ctx.clear(history);
    history.append(h('h2', { id: 'history-heading', text: t('portal.payments.history') }));
    const data = await ctx.api('GET', '/portal/payments?limit=10');
    if (data.items.length === 0) {
      history.append(h('p', { class: 'meta', text: t('portal.payments.noneYet') }));
      return;
    }
    history.append(h('ul', { class: 'list' }, data.items.map((p) => h('li', {},
      h('strong', { text: ctx.fmt.money(p.amount, p.currency) }), ' · ', t('portal.payments.methodName.' + p.method), ' · ',
      h('span', { class: 'badge ' + p.state, text: t('portal.payments.state.' + p.state) }),
      h('div', { class: 'meta', text: t('portal.payments.invoices', { numbers: p.invoices.map((i) => i.number).join(', ') })
        + ' · ' + ctx.fmt.dateTime(p.paidAt || p.createdAt) })))));
  }

  await Promise.all([drawPayable(), drawAutopay(), drawHistory()]);
  if (params.get('payment') && canceled) {
    // the payer left the gateway's page without paying: the payment as it is, with the way back to that page
    try {
      showPayment(ctx, result, await ctx.api('GET', '/portal/payments/' + encodeURIComponent(params.get('payment'))), false);
    } catch (e) {
      // not this customer's, or gone: only the message
    }
    busy(false, t('portal.payments.leftUnpaid'));
  } else if (params.get('payment')) {
    busy(true, t('portal.payments.waiting'));
    poll(params.get('payment'));
  } else if (params.get('setup')) {
    if (canceled) {
      busy(false, t('portal.autopay.notSaved'));
    } else {
      busy(true, t('portal.autopay.saving'));
      awaitSavedCard(SETUP_POLLS);
    }
  }
  return stop;
}

/** A random UUID for an Idempotency-Key (crypto.randomUUID needs a secure context; getRandomValues does not). */
function newKey() {
  if (crypto.randomUUID) {
    try {
      return crypto.randomUUID();
    } catch (e) {
      // not a secure context: below
    }
  }
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return hex.slice(0, 8) + '-' + hex.slice(8, 12) + '-' + hex.slice(12, 16) + '-' + hex.slice(16, 20) + '-' + hex.slice(20);
}

/** The payment's state and, while the payer has to act, the voucher or code to pay with, with copy buttons. */
function showPayment(ctx, section, p, focus, offerPage = true) {
  const { h, t } = ctx;
  ctx.clear(section);
  section.hidden = false;
  section.append(h('h2', { id: 'payment-result-heading', tabindex: '-1', text: t('portal.payments.state.' + p.state) }),
    h('p', { text: t('portal.payments.amountFor', { amount: ctx.fmt.money(p.amount, p.currency),
      numbers: p.invoices.map((i) => i.number).join(', ') }) }));
  const next = p.nextAction;
  if (p.state === 'REQUIRES_ACTION' && next) {
    if (next.kind === 'BOLETO') {
      if (next.url) section.append(h('p', {}, h('a', { href: next.url, target: '_blank', rel: 'noopener', id: 'boleto-link', text: t('portal.payments.boletoOpen') })));
      if (next.code) section.append(copyable(ctx, 'boleto-line', t('portal.payments.boletoLine'), next.code));
    }
    if (next.kind === 'PIX' && next.code) section.append(copyable(ctx, 'pix-code', t('portal.payments.pixCode'), next.code));
    if (next.kind === 'REDIRECT' && next.url && offerPage) section.append(h('p', {}, h('a', { href: next.url, id: 'continue-payment', text: t('portal.payments.continue') })));
    if (next.expiresAt) section.append(h('p', { class: 'meta', text: t('portal.payments.expires', { when: ctx.fmt.dateTime(next.expiresAt) }) }));
  }
  if (p.state === 'OVERPAID') section.append(h('p', { text: t('portal.payments.overpaid', { amount: ctx.fmt.money(p.excess, p.currency) }) }));
  if ((p.state === 'FAILED' || p.state === 'REQUIRES_ACTION' || p.state === 'CANCELED') && p.failureMessage) {
    section.append(h('p', { class: 'alert', id: 'payment-failure', text: p.failureMessage }));
  }
  if (p.state === 'CANCELED') section.append(h('p', { text: t('portal.payments.canceledAgain') }));
  if (p.state === 'EXPIRED') section.append(h('p', { text: t('portal.payments.expiredAgain') }));
  if (focus) section.querySelector('h2').focus();
}

function copyable(ctx, id, label, value) {
  const { h, t } = ctx;
  const field = h('textarea', { id, readonly: true, rows: '2', text: value });
  const button = h('button', { type: 'button', id: id + '-copy', text: t('portal.payments.copy'), onclick: async () => {
    try {
      await navigator.clipboard.writeText(value);
    } catch (e) {
      field.select();
    }
    ctx.announce(t('portal.payments.copied'));
  } });
  return h('div', { class: 'copyable' }, h('label', { for: id, text: label }), field, button);
}
