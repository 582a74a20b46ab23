// The portal's only way to the platform: the public REST API, with the browser session of docs/security.md —
// the tokens are in HttpOnly cookies the script never sees; unsafe requests repeat the CSRF cookie in a header.
const BASE = '/api/v1';

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && (problem.detail || problem.title)) || 'HTTP ' + status);
    this.status = status;
    this.problem = problem || {};
  }

  /** The message the API gave for a field, or undefined. */
  fieldError(field) {
    const found = (this.problem.errors || []).find((e) => e.field === field);
    return found ? found.message : undefined;
  }
}

export function csrfToken() {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('clientele_csrf='));
  return match ? match.slice('clientele_csrf='.length) : null;
}

function headers(withBody, method) {
  const result = { Accept: 'application/json, application/problem+json', 'X-Clientele-Session': 'cookie' };
  result['Accept-Language'] = document.documentElement.lang || 'en'; // the server's texts (errors, history) in the user's language
  if (withBody) result['Content-Type'] = 'application/json';
  const csrf = csrfToken();
  if (method !== 'GET' && csrf) result['X-CSRF-Token'] = csrf;
  return result;
}

async function refresh() {
  if (!csrfToken()) return false;
  const r = await fetch(BASE + '/portal/auth/refresh', {
    method: 'POST', headers: headers(true, 'POST'), body: '{}', credentials: 'same-origin',
  });
  return r.ok;
}

/**
 * One call to the API. options.headers: extra request headers (e.g. Idempotency-Key); they cannot
 * replace the session's own (Accept, Content-Type, the CSRF header). An expired access token is refreshed once.
 */
export async function api(method, path, body, options = {}) {
  const opts = typeof options === 'boolean' ? { retry: options } : (options || {});
  const retry = opts.retry !== false;
  const r = await fetch(BASE + path, {
    method,
    headers: { ...(opts.headers || {}), ...headers(body !== undefined, method) },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  if (r.status === 401 && retry && !path.startsWith('/portal/auth/') && (await refresh())) {
    return api(method, path, body, { ...opts, retry: false });
  }
  if (!r.ok) {
    let problem = {};
    try {
      problem = await r.json();
    } catch (e) {
      problem = {};
    }
    throw new ApiError(r.status, problem);
  }
  if (r.status === 202 || r.status === 204) return null;
  return r.json();
}
