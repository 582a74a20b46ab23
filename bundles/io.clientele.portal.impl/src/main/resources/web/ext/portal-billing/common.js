// What the portal's Invoices and Estimates screens share: a status badge, a problem shown in place, the PDF link.

export function badge(ctx, kind, status) {
  return ctx.h('span', { class: 'badge ' + status, text: ctx.t('billing.' + kind + '.status.' + status) });
}

/**
 * Loads one resource for a screen: a 404 shows "not found" with the way back, a 403 module_not_enabled says the agency
 * does not bill through the portal; anything else goes to the shell. Returns null when it showed a problem.
 */
export async function load(host, ctx, path, notFoundKey, backRoute, backKey) {
  const { h, t, ApiError } = ctx;
  try {
    return await ctx.api('GET', path);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      host.append(h('h1', { tabindex: '-1', text: t(notFoundKey) }), h('p', {}, ctx.link(backRoute, t(backKey))));
      return null;
    }
    if (e instanceof ApiError && e.status === 403 && e.problem.code === 'module_not_enabled') {
      host.append(h('h1', { tabindex: '-1', text: t('billing.unavailable.title') }), h('p', { text: t('billing.unavailable') }));
      return null;
    }
    throw e;
  }
}

/** The document's PDF: a plain link (the browser session's cookie goes with it), downloaded as a file. */
export function pdfLink(ctx, path, label) {
  return ctx.h('a', { href: '/api/v1' + path, download: '', class: 'pdf', text: label, type: 'application/pdf' });
}

/** A definition list of label → value pairs (values already formatted). */
export function facts(ctx, pairs) {
  const { h } = ctx;
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([label, value]) => [h('dt', { text: label }), h('dd', { text: value })]));
}
