// The ijob module's portal screens, served from the ijob bundle and loaded by the portal shell as a web extension:
// the Home card "Awaiting your approval", the pieces list, and a piece with its steps, timeline, approve and
// request changes. Everything goes through the portal's REST API (GET /portal/pieces, …) with the shell's helpers.
// The piece's file to review (the current version prominently, earlier ones listed) is fetched by the browser from the
// same origin with the session cookie: an image is shown inline (img-src 'self'), anything else is a download link.
export async function render(host, ctx) {
  if (ctx.slot === 'home') return card(host, ctx);
  if (ctx.rest.length > 0) return piece(host, ctx, ctx.rest[0]);
  return list(host, ctx);
}

function statusBadge(ctx, status) {
  return ctx.h('span', { class: 'badge ' + status, text: ctx.t('ijob.status.' + status) });
}

async function card(host, ctx) {
  const { h, t } = ctx;
  host.append(h('h2', { id: 'card-ijob-awaiting-approval', text: t('ijob.home.awaiting') }));
  const data = await ctx.api('GET', '/portal/pieces');
  const waiting = data.items.filter((p) => p.actionable);
  if (waiting.length === 0) {
    host.append(h('p', { class: 'meta', text: t('ijob.home.none') }));
  } else {
    host.append(h('ul', { class: 'list' }, waiting.map((p) => h('li', {},
      ctx.link('pieces/' + encodeURIComponent(p.id), p.title), h('div', { class: 'meta', text: p.jobTitle })))));
  }
  host.append(h('p', {}, ctx.link('pieces', t('ijob.home.all'))));
}

async function list(host, ctx) {
  const { h, t, fmt } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('ijob.nav.pieces') }));
  const data = await ctx.api('GET', '/portal/pieces');
  if (data.items.length === 0) {
    host.append(h('p', { text: t('ijob.list.empty') }));
    return;
  }
  host.append(h('ul', { class: 'list' }, data.items.map((p) => h('li', {},
    ctx.link('pieces/' + encodeURIComponent(p.id), p.title), ' ', statusBadge(ctx, p.status),
    h('div', { class: 'meta', text: p.jobTitle + ' · ' + t('ijob.updated', { when: fmt.dateTime(p.updatedAt) }) })))));
}

async function piece(host, ctx, id) {
  const { h, t, ApiError } = ctx;
  let p;
  try {
    p = await ctx.api('GET', '/portal/pieces/' + encodeURIComponent(id));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      host.append(h('h1', { tabindex: '-1', text: t('ijob.piece.notFound') }), h('p', {}, ctx.link('pieces', t('ijob.back'))));
      return;
    }
    throw e;
  }
  draw(host, ctx, p);
}

function draw(host, ctx, p) {
  const { h, t, fmt } = ctx;
  ctx.clear(host);
  host.append(h('p', {}, ctx.link('pieces', t('ijob.back'))),
    h('h1', { tabindex: '-1', text: p.title }),
    h('p', { class: 'meta' }, p.jobTitle, ' · ', statusBadge(ctx, p.status)));
  // the file and the link to review, when there are any (Element.append would write a null as the text "null")
  host.append(...[file(ctx, p), review(ctx, p)].filter(Boolean));
  if (p.actionable) host.append(actions(host, ctx, p));
  host.append(h('h2', { text: t('ijob.steps') }), h('ol', { class: 'steps' }, p.steps.map((s) => h('li', {},
    s.name || t('ijob.stepType.' + s.type), ' — ', h('span', { class: 'meta', text: t('ijob.stepStatus.' + s.status) })))));
  host.append(h('h2', { id: 'timeline-heading', text: t('ijob.timeline') }),
    h('ol', { class: 'timeline', 'aria-labelledby': 'timeline-heading' }, p.timeline.map((e) => h('li', { 'data-action': e.action },
      h('div', {}, h('strong', { text: t('ijob.action.' + e.action) }),
        e.stepName ? ' · ' + e.stepName : (e.stepType ? ' · ' + t('ijob.stepType.' + e.stepType) : ''),
        e.fileVersion ? ' · ' + t('ijob.file.versionName', { n: e.fileVersion, name: e.fileName || '' }) : ''),
      h('div', { class: 'meta' }, h('time', { datetime: e.at, text: fmt.dateTime(e.at) }), e.actor && e.actor.name ? ' · ' + e.actor.name : ''),
      e.comment ? h('p', { class: 'comment', text: e.comment }) : null))));
}

/** What the customer reviews: the link the team attached, opened in a new tab (without access to this page). */
function review(ctx, p) {
  const { h, t } = ctx;
  if (!p.reviewUrl || !/^https?:\/\//i.test(p.reviewUrl)) {
    return p.actionable && !p.currentFile ? h('p', { class: 'notice', text: t('ijob.review.none') }) : null;
  }
  return h('section', { class: 'review', 'aria-labelledby': 'review-heading' },
    h('h2', { id: 'review-heading', text: t('ijob.review.title') }),
    h('a', { id: 'review-link', class: 'button primary', href: p.reviewUrl, target: '_blank', rel: 'noopener noreferrer' },
      t('ijob.review.open'), h('span', { class: 'visually-hidden', text: ' ' + t('ijob.review.newTab') })),
    h('p', { class: 'meta review-url', text: p.reviewUrl }));
}

const IMAGES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];

function fileUrl(p, f) {
  return '/api/v1/portal/pieces/' + encodeURIComponent(p.id) + '/files/' + encodeURIComponent(f.id);
}

/** The kind of file in words (image, PDF, video, document, archive) for the link's description. */
function kind(contentType) {
  if (IMAGES.includes(contentType)) return 'image';
  if (contentType === 'application/pdf') return 'pdf';
  if (contentType.startsWith('video/')) return 'video';
  if (contentType === 'application/zip') return 'zip';
  return 'document';
}

function size(ctx, bytes) {
  const number = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  if (bytes < 1024) return number.format(bytes) + ' B';
  const kb = bytes / 1024;
  return kb < 1024 ? number.format(kb) + ' KB' : number.format(kb / 1024) + ' MB';
}

function describe(ctx, f) {
  return [ctx.t('ijob.file.kind.' + kind(f.contentType)), size(ctx, f.size), ctx.fmt.dateTime(f.uploadedAt)].join(' · ');
}

/** The file to review: the current version first (an image shown inline, anything else a download link), then the earlier ones. */
function file(ctx, p) {
  const { h, t } = ctx;
  const f = p.currentFile;
  if (!f) return null;
  const url = fileUrl(p, f);
  const section = h('section', { class: 'piece-file', id: 'piece-file', 'aria-labelledby': 'file-heading', 'data-version': f.versionNumber },
    h('h2', { id: 'file-heading', text: t('ijob.file.current', { n: f.versionNumber }) }));
  if (IMAGES.includes(f.contentType)) {
    section.append(h('figure', {},
      h('img', { id: 'piece-file-image', src: url, alt: t('ijob.file.alt', { n: f.versionNumber, name: f.name }) }),
      h('figcaption', { class: 'meta', text: f.name })));
  }
  section.append(h('p', {},
    h('a', { id: 'piece-file-link', class: IMAGES.includes(f.contentType) ? '' : 'button primary', href: url, download: f.name },
      t('ijob.file.download', { name: f.name })),
    h('span', { class: 'meta', text: ' ' + describe(ctx, f) })));
  if (p.earlierFiles && p.earlierFiles.length > 0) {
    section.append(h('h3', { id: 'earlier-files-heading', text: t('ijob.file.earlier') }),
      h('ul', { class: 'list', id: 'earlier-files', 'aria-labelledby': 'earlier-files-heading' }, p.earlierFiles.map((e) => h('li', { 'data-version': e.versionNumber },
        h('a', { href: fileUrl(p, e), download: e.name }, t('ijob.file.versionName', { n: e.versionNumber, name: e.name })),
        h('div', { class: 'meta', text: describe(ctx, e) + (e.reviewed ? ' · ' + t('ijob.file.reviewed') : '') })))));
  }
  return section;
}

function actions(host, ctx, p) {
  const { h, t, ApiError } = ctx;
  const alert = h('div', { class: 'alert', role: 'alert', hidden: true });
  const approve = h('button', { type: 'button', class: 'primary', id: 'approve', text: t('ijob.approve'), onclick: async () => {
    approve.disabled = true;
    try {
      const done = await ctx.api('POST', '/portal/pieces/' + encodeURIComponent(p.id) + '/approve');
      draw(host, ctx, done);
      ctx.announce(t('ijob.approved'));
      host.querySelector('h1').focus();
    } catch (e) {
      alert.hidden = false;
      alert.textContent = e.problem && e.problem.detail ? e.problem.detail : t('ijob.failed');
      approve.disabled = false;
    }
  } });
  const error = h('p', { class: 'field-error', id: 'comment-error', hidden: true });
  const comment = h('textarea', { id: 'comment', name: 'comment', required: true, maxlength: '4000', 'aria-describedby': 'comment-error' });
  const send = h('button', { type: 'submit', text: t('ijob.requestChanges') });
  const form = h('form', { novalidate: true, 'aria-labelledby': 'changes-heading', onsubmit: async (event) => {
    event.preventDefault();
    const text = comment.value.trim();
    if (!text) {
      error.textContent = t('ijob.commentRequired');
      error.hidden = false;
      comment.setAttribute('aria-invalid', 'true');
      comment.focus();
      return;
    }
    send.disabled = true;
    try {
      const changed = await ctx.api('POST', '/portal/pieces/' + encodeURIComponent(p.id) + '/request-changes', { comment: text });
      draw(host, ctx, changed);
      ctx.announce(t('ijob.changesSent'));
      host.querySelector('h1').focus();
    } catch (e) {
      const message = e instanceof ApiError ? e.fieldError('comment') : undefined;
      error.textContent = message || (e.problem && e.problem.detail) || t('ijob.failed');
      error.hidden = false;
      comment.setAttribute('aria-invalid', 'true');
      send.disabled = false;
    }
  } }, h('h2', { id: 'changes-heading', text: t('ijob.changesTitle') }),
  h('label', { for: 'comment', text: t('ijob.comment') }), comment, error, send);
  return h('section', { class: 'actions', 'aria-label': t('ijob.decide') }, alert,
    h('div', {}, h('p', { text: t('ijob.approveIntro') }), approve), form);
}
