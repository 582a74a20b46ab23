// The portal module's "Documents" page: the customer's documents and the agency's, download, and upload with a
// progress bar (XMLHttpRequest's upload progress; fetch cannot report it). A refusal (problem+json: type checked by
// content, size limit) shows next to the file field.
import { csrfToken } from '/web/portal/api.js';

const BASE = '/api/v1';

export async function render(host, ctx) {
  const { h, t } = ctx;
  host.append(h('h1', { tabindex: '-1', text: t('portal.documents.title') }));
  host.append(uploadForm(ctx, () => refresh()));
  const listHost = h('section', { 'aria-labelledby': 'documents-list' },
    h('h2', { id: 'documents-list', text: t('portal.documents.list') }));
  host.append(listHost);
  const items = h('div', {});
  listHost.append(items);
  async function refresh() {
    ctx.clear(items);
    const data = await ctx.api('GET', '/portal/documents?limit=100');
    if (data.items.length === 0) {
      items.append(h('p', { class: 'meta', id: 'documents-empty', text: t('portal.documents.empty') }));
      return;
    }
    items.append(h('ul', { class: 'list', id: 'documents' }, data.items.map((d) => h('li', { 'data-id': d.id },
      h('a', { href: BASE + '/portal/documents/' + encodeURIComponent(d.id) + '/content', download: d.fileName, text: d.fileName }),
      h('div', { class: 'meta', text: [
        d.from === 'AGENCY' ? t('portal.documents.fromAgency') : t('portal.documents.fromCustomer', { name: d.uploadedBy || '' }),
        ctx.fmt.dateTime(d.createdAt), size(ctx, d.size)].join(' · ') })))));
  }
  await refresh();
}

function size(ctx, bytes) {
  const kb = bytes / 1024;
  const number = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  return kb < 1024 ? number.format(kb) + ' KB' : number.format(kb / 1024) + ' MB';
}

function uploadForm(ctx, uploaded) {
  const { h, t } = ctx;
  const error = h('p', { class: 'field-error', id: 'file-error', hidden: true });
  const input = h('input', { type: 'file', id: 'file', name: 'file', required: true, 'aria-describedby': 'file-hint file-error',
    accept: '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx' });
  const progress = h('progress', { id: 'upload-progress', max: '100', value: '0', hidden: true, 'aria-label': t('portal.documents.progress') });
  const submit = h('button', { type: 'submit', class: 'primary', text: t('portal.documents.upload') });
  const form = h('form', { novalidate: true, id: 'upload-form', onsubmit: async (event) => {
    event.preventDefault();
    showError('');
    const file = input.files && input.files[0];
    if (!file) {
      showError(t('portal.documents.choose'));
      input.focus();
      return;
    }
    submit.disabled = true;
    progress.hidden = false;
    progress.value = 0;
    try {
      const created = await send(file, (percent) => { progress.value = percent; });
      progress.value = 100;
      form.reset();
      ctx.announce(t('portal.documents.uploaded', { name: created.fileName }));
      await uploaded();
    } catch (e) {
      showError(e.message);
      input.focus();
    } finally {
      submit.disabled = false;
    }
  } }, h('div', { class: 'field' }, h('label', { for: 'file', text: t('portal.documents.file') }), input,
    h('p', { class: 'hint', id: 'file-hint', text: t('portal.documents.hint') }), error), progress, submit);

  function showError(message) {
    error.textContent = message || '';
    error.hidden = !message;
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }

  /** POSTs the file as multipart part "file", reporting progress in percent; rejects with the problem's message for the field. */
  function send(file, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('POST', BASE + '/portal/documents');
      xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
      xhr.setRequestHeader('X-Clientele-Session', 'cookie');
      xhr.setRequestHeader('Accept-Language', document.documentElement.lang || 'en');
      const csrf = csrfToken();
      if (csrf) xhr.setRequestHeader('X-CSRF-Token', csrf);
      xhr.upload.addEventListener('progress', (e) => {
        if (e.lengthComputable) onProgress(Math.round((e.loaded / e.total) * 100));
      });
      xhr.addEventListener('load', () => {
        let json = {};
        try {
          json = JSON.parse(xhr.responseText || '{}');
        } catch (e) {
          json = {};
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(json);
          return;
        }
        const named = (json.errors || []).find((x) => x.field === 'file');
        if (xhr.status === 413) reject(new Error(t('portal.documents.tooLarge')));
        else if (xhr.status === 415) reject(new Error(t('portal.documents.badType')));
        else reject(new Error((named && named.message) || json.detail || t('error.generic')));
      });
      xhr.addEventListener('error', () => reject(new Error(t('error.network'))));
      const body = new FormData();
      body.append('file', file, file.name);
      xhr.send(body);
    });
  }

  return h('section', { 'aria-labelledby': 'upload-heading' }, h('h2', { id: 'upload-heading', text: t('portal.documents.send') }), form);
}
