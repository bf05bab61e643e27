// The API as the page sees it: same-origin fetch with the session cookie, the CSRF token on every
// mutating call, JSON in and out, and which routes this server has (from its OpenAPI document).

let csrfToken = '';
let routes = null;

/** An API answer that was not 2xx. */
export class ApiError extends Error {
  constructor(status, message, field, retryAfter) {
    super(message);
    this.status = status;
    this.field = field || '';
    this.retryAfter = retryAfter;
  }
}

export function setCsrf(token) {
  csrfToken = token || '';
}

async function request(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = csrfToken;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (notJson) {
    json = null;
  }
  if (!response.ok) {
    const message = (json && json.error) || `${method} ${path}: HTTP ${response.status}`;
    throw new ApiError(response.status, message, json && json.field, response.headers.get('Retry-After'));
  }
  return json;
}

export const api = {
  get: (path) => request('GET', path),
  post: (path, body = {}) => request('POST', path, body),
  put: (path, body = {}) => request('PUT', path, body),
  del: (path) => request('DELETE', path),
};

/** Loads the route table from the OpenAPI document (public). */
export async function loadRoutes() {
  const document = await request('GET', '/api/v1/openapi.json');
  routes = new Map();
  for (const [path, operations] of Object.entries(document.paths || {})) {
    routes.set(path, new Set(Object.keys(operations)));
  }
  return routes;
}

/** True if this server has the route, e.g. has('get', '/api/v1/approvals'). */
export function has(method, path) {
  return routes !== null && routes.has(path) && routes.get(path).has(method.toLowerCase());
}

/** The first of the candidate paths this server has for method; null when none. */
export function firstRoute(method, ...candidates) {
  return candidates.find((path) => has(method, path)) || null;
}

/** Fills {name} placeholders of a route path, URL-encoding the values. */
export function fill(path, values) {
  return path.replace(/\{([^}]+)}/g, (all, name) => encodeURIComponent(values[name]));
}
