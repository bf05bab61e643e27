// The effective configuration (GET /api/v1/config), read-only: each section (server, store,
// loop, ...) as a table of dotted keys and values, secrets already redacted by the server.
// Refreshed on 'flag' events (it shows recovery's mode and kill switch) and on 'config' events,
// should the server send them when its configuration changes.

import { api, firstRoute } from '../api.js';
import { el, empty, table, unavailable } from '../ui.js';

/** Flattens nested settings into [key, value] rows: {a: {b: 1}} gives ['a.b', 1]. */
function rows(settings, prefix = '') {
  const out = [];
  for (const [key, value] of Object.entries(settings || {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length > 0) {
      out.push(...rows(value, name));
    } else {
      out.push([name, value]);
    }
  }
  return out;
}

function text(value) {
  if (value === null || value === undefined || value === '') return '—';
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(', ') : '—';
  if (typeof value === 'object') return Object.keys(value).length ? JSON.stringify(value) : '—';
  return String(value);
}

export default {
  id: 'panel-config',
  events: ['flag', 'config'],
  async refresh(node, context) {
    const route = firstRoute('get', '/api/v1/config');
    if (!route) {
      node.replaceChildren(unavailable('the configuration'));
      return;
    }
    const config = await api.get(route);
    const sections = Object.entries(config || {});
    if (sections.length === 0) {
      node.replaceChildren(empty('The server reports no configuration.'));
      return;
    }
    node.replaceChildren(...sections.flatMap(([section, settings]) => [
      el('label', {}, section),
      table([['Setting', ([key]) => key, 'mono'], ['Value', ([, value]) => text(value), 'mono']],
        rows(typeof settings === 'object' && settings !== null ? settings : { [section]: settings }),
        { testid: `config-${section}`, key: ([key]) => key }),
    ]));
  },
};
