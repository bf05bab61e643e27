// Recovery effectiveness and learning progress: the learned success rate per action, and how
// many outcomes it was learned from. From the effectiveness API when the server has it, else
// from the recovery history.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { el, empty, mount, percent, table, unavailable } from '../ui.js';
import { outcomeOf } from './recovery.js';

export default {
  id: 'panel-learning',
  events: ['action', 'recovery', 'learning'],
  async refresh(node) {
    const direct = firstRoute('get', '/api/v1/effectiveness', '/api/v1/learning', '/api/v1/recovery/effectiveness');
    const history = firstRoute('get', '/api/v1/recovery', '/api/v1/recovery/history', '/api/v1/recoveries');
    let rows;
    if (direct) {
      const a = await api.get(direct);
      rows = (a.actions || a.effectiveness || a.entries || []).map((e) => ({
        action: e.action || e.workflow || e.name,
        rate: e.successRate ?? e.rate ?? (e.attempts ? e.successes / e.attempts : 0),
        attempts: e.attempts ?? e.samples ?? e.outcomes ?? 0,
      }));
    } else if (history) {
      const a = await api.get(`${history}?hours=168`);
      const byAction = new Map();
      for (const run of a.runs || a.history || a.actions || a.recoveries || []) {
        const key = run.workflow || run.action;
        const kind = outcomeOf(run);
        if (!key || kind === 'other') continue;
        const e = byAction.get(key) || { action: key, attempts: 0, successes: 0 };
        e.attempts++;
        if (kind === 'success') e.successes++;
        byAction.set(key, e);
      }
      rows = [...byAction.values()].map((e) => ({ ...e, rate: e.successes / e.attempts }));
    } else {
      mount(node, unavailable('recovery effectiveness'));
      return;
    }
    if (rows.length === 0) {
      mount(node, empty('Nothing learned yet: no recovery has finished.'));
      return;
    }
    rows.sort((a, b) => b.rate - a.rate);
    const canvas = el('canvas');
    mount(node, el('div', { class: 'chart-box short' }, canvas), table([
      ['Action', (r) => el('span', { class: 'mono' }, r.action)],
      ['Success rate', (r) => percent(r.rate * 100, 0)],
      ['Outcomes', (r) => String(r.attempts)],
    ], rows));
    draw('learning', canvas, { type: 'bar', max: 100, data: {
      labels: rows.map((r) => r.action),
      datasets: [{ label: 'success rate %', data: rows.map((r) => Math.round(r.rate * 1000) / 10),
        backgroundColor: rows.map((r) => (r.rate >= 0.8 ? colours.ok : r.rate >= 0.5 ? colours.warn : colours.bad)) }] } });
  },
};
