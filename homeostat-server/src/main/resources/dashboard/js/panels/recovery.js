// Recovery action timeline: per hour, runs that succeeded, failed and were rolled back, and
// the latest runs. From the recovery history API.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { ago, badge, el, empty, mount, table, unavailable } from '../ui.js';

const OUTCOME = {
  SUCCEEDED: 'success', SUCCESS: 'success', ROLLED_BACK: 'rollback', ROLLBACK: 'rollback',
  FAILED: 'failure', FAILURE: 'failure', ABORTED: 'failure', ESCALATED: 'failure',
};

export function outcomeOf(run) {
  return OUTCOME[String(run.outcome || run.phase || run.status || '').toUpperCase()] || 'other';
}

export default {
  id: 'panel-recovery',
  events: ['action', 'recovery', 'workflow', 'approval'],
  async refresh(node) {
    const route = firstRoute('get', '/api/v1/recovery', '/api/v1/recovery/history', '/api/v1/recoveries', '/api/v1/actions');
    if (!route) {
      mount(node, unavailable('a recovery history API'));
      return;
    }
    const answer = await api.get(`${route}?hours=24`);
    const runs = answer.runs || answer.history || answer.actions || answer.recoveries || [];
    const hours = [];
    const now = Date.now();
    for (let h = 23; h >= 0; h--) {
      hours.push(new Date(Math.floor((now - h * 3600e3) / 3600e3) * 3600e3));
    }
    const count = (kind) => hours.map((hour) => runs.filter((r) => outcomeOf(r) === kind
      && Math.floor(Date.parse(r.finishedAt || r.updatedAt || r.startedAt || r.time) / 3600e3) * 3600e3 === hour.getTime()).length);
    const buckets = answer.hours || answer.buckets;
    const canvas = el('canvas');
    mount(node,
      el('div', { class: 'chart-box short' }, canvas),
      runs.length === 0 ? empty('No recovery ran in the last 24 hours.') : el('div', { class: 'scroll' }, table([
        ['Outcome', (r) => badge(outcomeOf(r) === 'other' ? (r.phase || r.status || 'unknown') : outcomeOf(r))],
        ['Workflow', (r) => el('span', { class: 'mono' }, r.workflow || r.action || '')],
        ['Service', (r) => r.service || ''],
        ['Why', (r) => el('span', { class: 'muted' }, r.reason || '')],
        ['When', (r) => ago(r.finishedAt || r.updatedAt || r.startedAt || r.time)],
      ], runs.slice(0, 50), { testid: 'recovery-table' })));
    draw('recovery', canvas, {
      type: 'bar',
      stacked: true,
      data: {
        labels: (buckets || hours).map((h) => new Date(h.hour || h.time || h).getHours().toString().padStart(2, '0') + ':00'),
        datasets: [
          { label: 'succeeded', data: buckets ? buckets.map((b) => b.succeeded ?? b.successes ?? 0) : count('success'), backgroundColor: colours.ok },
          { label: 'failed', data: buckets ? buckets.map((b) => b.failed ?? b.failures ?? 0) : count('failure'), backgroundColor: colours.bad },
          { label: 'rolled back', data: buckets ? buckets.map((b) => b.rolledBack ?? b.rollbacks ?? 0) : count('rollback'), backgroundColor: colours.warn },
        ],
      },
    });
  },
};
