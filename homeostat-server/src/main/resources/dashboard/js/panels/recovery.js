// Recovery action timeline: per hour, runs that succeeded, failed and were rolled back, and
// the latest runs with their steps. From the recovery history API.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { ago, badge, el, empty, mount, openDrawer, table, unavailable } from '../ui.js';

const OUTCOME = {
  SUCCEEDED: 'success', ROLLED_BACK: 'rollback', ABORTED: 'failure', ESCALATED: 'failure', FAILED: 'failure',
};

/** success, failure, rollback or other (still running, shadowed, skipped) for a run. */
export function outcomeOf(run) {
  return OUTCOME[String(run.phase || run.outcome || '').toUpperCase()] || 'other';
}

/** The recovery history route of this server and its runs over the last hours (each {run, steps}). */
export async function history(hours) {
  const route = firstRoute('get', '/api/v1/recovery/history');
  if (!route) {
    return null;
  }
  const answer = await api.get(`${route}?hours=${hours}`);
  return { byHour: answer.byHour || [], runs: (answer.runs || []).map((r) => (r.run ? r : { run: r, steps: [] })) };
}

function showRun({ run, steps }) {
  openDrawer(el('h3', {}, `${run.workflow} on ${run.service}`),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Phase'), el('dd', {}, badge(run.phase)),
      el('dt', {}, 'Incident'), el('dd', { class: 'mono' }, run.incidentId),
      el('dt', {}, 'Trigger'), el('dd', {}, String(run.trigger || '').toLowerCase()),
      el('dt', {}, 'Started'), el('dd', {}, ago(run.startedAt)),
      el('dt', {}, 'Why'), el('dd', {}, run.reason || '—')),
    el('h3', {}, 'Steps'),
    steps.length === 0 ? empty('No step has run.') : el('ul', { class: 'timeline' }, steps.map((s) => el('li', {},
      el('div', { class: 'when' }, ago(s.time), ' · ', s.step, ` (${s.action})`, s.attempt > 1 ? ` · attempt ${s.attempt}` : ''),
      el('div', {}, badge(s.phase), ' ', s.detail || '')))));
}

export default {
  id: 'panel-recovery',
  events: ['recovery', 'approval'],
  async refresh(node) {
    const data = await history(24);
    if (data === null) {
      mount(node, unavailable('a recovery history API'));
      return;
    }
    const canvas = el('canvas');
    mount(node,
      el('div', { class: 'chart-box short' }, canvas),
      data.runs.length === 0 ? empty('No recovery ran in the last 24 hours.') : el('div', { class: 'scroll' }, table([
        ['Outcome', ({ run }) => badge(run.phase)],
        ['Workflow', ({ run }) => el('span', { class: 'mono' }, run.workflow)],
        ['Service', ({ run }) => run.service],
        ['Steps', ({ steps }) => steps.map((s) => s.action).filter((a, i, all) => all.indexOf(a) === i).join(', ')],
        ['Why', ({ run }) => el('span', { class: 'muted' }, run.reason || '')],
        ['Started', ({ run }) => ago(run.startedAt)],
      ], data.runs.slice(0, 50), { testid: 'recovery-table', key: ({ run }) => run.runId, onclick: showRun })));
    const hours = data.byHour;
    draw('recovery', canvas, {
      type: 'bar',
      stacked: true,
      data: {
        labels: hours.map((h) => `${new Date(h.hourStart).getHours().toString().padStart(2, '0')}:00`),
        datasets: [
          { label: 'succeeded', data: hours.map((h) => h.succeeded), backgroundColor: colours.ok },
          { label: 'failed', data: hours.map((h) => h.failed), backgroundColor: colours.bad },
          { label: 'rolled back', data: hours.map((h) => h.rolledBack), backgroundColor: colours.warn },
        ],
      },
    });
  },
};
