// The portal module's service-desk pages share this: a list the API answers page by page ({items, nextCursor}),
// its first page at once and a "Show more" button for the next ones (focus moves to the first new entry).
const PAGE = 20;

export async function pagedList(host, ctx, { path, label, empty, item }) {
  const { h, t, clear } = ctx;
  const list = h('ul', { class: 'list desk-list', 'aria-label': label });
  const none = h('p', { class: 'meta empty', text: empty, hidden: true });
  const more = h('button', { type: 'button', class: 'more', text: t('portalDesk.more'), hidden: true });
  let cursor = null;

  async function load() {
    more.disabled = true;
    more.setAttribute('aria-busy', 'true');
    try {
      const page = await ctx.api('GET', path + '?limit=' + PAGE + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
      const added = page.items.map((x) => h('li', {}, item(x)));
      list.append(...added);
      cursor = page.nextCursor || null;
      return added;
    } finally {
      more.hidden = !cursor;
      more.disabled = false;
      more.setAttribute('aria-busy', 'false');
      none.hidden = list.children.length > 0;
      list.hidden = list.children.length === 0;
    }
  }

  more.addEventListener('click', async () => {
    const added = await load();
    if (added.length > 0) {
      added[0].setAttribute('tabindex', '-1');
      added[0].focus();
    }
  });
  host.append(none, list, more);
  await load();
  return {
    /** Reads the list again from its first page (after the contact added to it). */
    async reload() {
      clear(list);
      cursor = null;
      await load();
    },
  };
}

/** A date and time as the contact's locale writes it, in a time element. */
export function when(ctx, iso) {
  return ctx.h('time', { datetime: iso, text: ctx.fmt.dateTime(iso) });
}
