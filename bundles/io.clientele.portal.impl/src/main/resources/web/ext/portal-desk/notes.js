// The portal's "Service notes" page (module portal, tab ServiceNotes): the notes the agency published to the
// contact's customer, newest first (GET /portal/service-notes).
import { pagedList, when } from './paging.js';

export async function render(host, ctx) {
  const { h, t } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('portalDesk.nav.notes') }), h('p', { class: 'lead', text: t('portalDesk.notes.intro') }));
  await pagedList(host, ctx, {
    path: '/portal/service-notes',
    label: t('portalDesk.nav.notes'),
    empty: t('portalDesk.notes.empty'),
    item: (note) => [h('div', { class: 'meta' }, when(ctx, note.createdAt)), h('p', { class: 'pre-wrap note', text: note.body })],
  });
}
