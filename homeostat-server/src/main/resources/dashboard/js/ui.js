// Small DOM helpers: elements without innerHTML (the page's CSP allows no inline anything),
// badges, times, toasts, the reason dialog and the side drawer.

/** Creates an element: el('td', {class: 'x', dataset: {id: 1}, onclick: f}, 'text', child, ...). */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'dataset') {
      Object.assign(node.dataset, value);
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else if (key === 'text') {
      node.textContent = value;
    } else {
      node.setAttribute(key, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Replaces the children of node. */
export function mount(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined));
}

/** A status badge: its CSS class is the lower-cased status, so colours are the same everywhere. */
export function badge(status, text) {
  const value = String(status ?? 'unknown');
  return el('span', { class: `badge ${value.toLowerCase()}` }, text ?? value.replace(/_/g, ' ').toLowerCase());
}

const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 min ago" for an ISO instant; the exact time is in the title. */
export function ago(iso, now = Date.now()) {
  if (!iso) {
    return el('span', { class: 'muted' }, '—');
  }
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  const abs = Math.abs(seconds);
  let text;
  if (abs < 60) text = relative.format(seconds, 'second');
  else if (abs < 3600) text = relative.format(Math.round(seconds / 60), 'minute');
  else if (abs < 86400) text = relative.format(Math.round(seconds / 3600), 'hour');
  else text = relative.format(Math.round(seconds / 86400), 'day');
  return el('time', { datetime: iso, title: new Date(iso).toISOString() }, text);
}

export function number(value, digits = 0) {
  if (value === undefined || value === null || Number.isNaN(value)) {
    return '—';
  }
  return Number(value).toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

export function percent(value, digits = 1) {
  return value === undefined || value === null ? '—' : `${Number(value).toFixed(digits)} %`;
}

/** The placeholder of a panel whose API this server does not offer. */
export function unavailable(what) {
  return el('div', { class: 'unavailable', dataset: { testid: 'unavailable' } },
    `Not available: this server does not offer ${what} yet.`);
}

export function empty(text) {
  return el('div', { class: 'empty' }, text);
}

export function toast(message, kind = '') {
  const node = el('div', { class: `toast ${kind}`, role: 'status' }, message);
  document.getElementById('toasts').append(node);
  setTimeout(() => node.remove(), kind === 'bad' ? 8000 : 4000);
}

/**
 * Asks for a reason (and optional extra fields) before an operator action; resolves to
 * {reason, form} or null when cancelled.
 */
export function askReason(title, text, suggestion = '', extra = null) {
  const dialog = document.getElementById('reason-dialog');
  const input = document.getElementById('reason-input');
  document.getElementById('reason-title').textContent = title;
  document.getElementById('reason-text').textContent = text;
  mount(document.getElementById('reason-extra'), extra);
  input.value = suggestion;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => {
      resolve(dialog.returnValue === 'ok' && input.value.trim() ? { reason: input.value.trim(), form: dialog } : null);
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    input.select();
  });
}

/** Opens the side drawer with content. */
export function openDrawer(...content) {
  mount(document.getElementById('drawer-body'), ...content);
  const drawer = document.getElementById('drawer');
  if (!drawer.open) {
    drawer.showModal();
  }
}

/** A table: columns are [header, cell(row)] pairs. */
export function table(columns, rows, options = {}) {
  return el('table', { dataset: options.testid ? { testid: options.testid } : undefined },
    el('thead', {}, el('tr', {}, columns.map(([header]) => el('th', {}, header)))),
    el('tbody', {}, rows.map((row) => {
      const tr = el('tr', {
        class: [options.onclick ? 'clickable' : '', options.fresh && options.fresh(row) ? 'fresh' : ''].join(' ').trim() || undefined,
        dataset: options.key ? { key: options.key(row) } : undefined,
        onclick: options.onclick ? (event) => {
          if (!event.target.closest('button')) options.onclick(row);
        } : undefined,
      }, columns.map(([, cell, cls]) => el('td', { class: cls }, cell(row))));
      return tr;
    })));
}
