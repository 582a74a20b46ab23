// The portal's "History" page (module portal, tab History): what happened with the contact's customer that the
// customer may see, newest first, page by page (GET /portal/history).
import { pagedList, when } from './paging.js';

export async function render(host, ctx) {
  const { h, t } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('portalDesk.nav.history') }), h('p', { class: 'lead', text: t('portalDesk.history.intro') }));
  await pagedList(host, ctx, {
    path: '/portal/history',
    label: t('portalDesk.nav.history'),
    empty: t('portalDesk.history.empty'),
    item: (event) => [
      h('div', {}, h('strong', { class: 'kind', text: kind(t, event.kind) }), ' · ', h('span', { class: 'meta' }, when(ctx, event.at))),
      h('p', { class: 'pre-wrap summary', text: event.summary }),
    ],
  });
}

function kind(t, code) {
  const key = 'portalDesk.history.kind.' + code;
  const label = t(key);
  return label === key ? t('portalDesk.history.kind.OTHER') : label;
}
