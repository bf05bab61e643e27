// Recovery effectiveness and learning progress: the success rate per action (from the steps of
// the runs of the last 7 days) and per workflow, and how it moved day by day.

import { colours, draw } from '../charts.js';
import { el, empty, mount, percent, table, unavailable } from '../ui.js';
import { history, outcomeOf } from './recovery.js';

const DAY = 86400e3;

function rate(entry) {
  return entry.attempts === 0 ? 0 : entry.successes / entry.attempts;
}

export default {
  id: 'panel-learning',
  events: ['recovery'],
  async refresh(node) {
    const data = await history(168);
    if (data === null) {
      mount(node, unavailable('recovery effectiveness'));
      return;
    }
    const byAction = new Map();
    const byDay = new Map();
    for (const { run, steps } of data.runs) {
      for (const step of steps) {
        if (step.phase !== 'SUCCEEDED' && step.phase !== 'FAILED' && step.phase !== 'VERIFIED' && step.phase !== 'UNVERIFIED') continue;
        const e = byAction.get(step.action) || { action: step.action, attempts: 0, successes: 0 };
        // An action's success is its verification when it has one, else that it ran without error.
        if (step.phase === 'SUCCEEDED' && steps.some((s) => s.stepIndex === step.stepIndex && s.attempt === step.attempt
          && (s.phase === 'VERIFIED' || s.phase === 'UNVERIFIED'))) continue;
        e.attempts++;
        if (step.phase === 'SUCCEEDED' || step.phase === 'VERIFIED') e.successes++;
        byAction.set(step.action, e);
      }
      const kind = outcomeOf(run);
      if (kind !== 'other') {
        const day = Math.floor(Date.parse(run.startedAt) / DAY) * DAY;
        const d = byDay.get(day) || { attempts: 0, successes: 0 };
        d.attempts++;
        if (kind === 'success') d.successes++;
        byDay.set(day, d);
      }
    }
    const rows = [...byAction.values()].sort((a, b) => rate(b) - rate(a) || b.attempts - a.attempts);
    if (rows.length === 0) {
      mount(node, empty('Nothing learned yet: no recovery action has run.'));
      return;
    }
    const bars = el('canvas');
    const trend = el('canvas');
    const days = [...byDay.entries()].sort((a, b) => a[0] - b[0]);
    mount(node,
      el('div', { class: 'chart-title' }, 'Success rate per action'), el('div', { class: 'chart-box short' }, bars),
      table([
        ['Action', (r) => el('span', { class: 'mono' }, r.action)],
        ['Success rate', (r) => percent(rate(r) * 100, 0)],
        ['Runs', (r) => String(r.attempts)],
      ], rows, { testid: 'learning-table' }),
      days.length > 1 ? el('div', {}, el('div', { class: 'chart-title' }, 'Runs that succeeded, per day'),
        el('div', { class: 'chart-box short' }, trend)) : null);
    draw('learning', bars, { type: 'bar', max: 100, data: {
      labels: rows.map((r) => r.action),
      datasets: [{ label: 'success rate %', data: rows.map((r) => Math.round(rate(r) * 1000) / 10),
        backgroundColor: rows.map((r) => (rate(r) >= 0.8 ? colours.ok : rate(r) >= 0.5 ? colours.warn : colours.bad)) }] } });
    if (days.length > 1) {
      draw('learning:trend', trend, { type: 'line', max: 100, data: {
        labels: days.map(([day]) => new Date(day).toLocaleDateString()),
        datasets: [{ label: 'success %', data: days.map(([, d]) => Math.round(rate(d) * 100)), borderColor: colours.ok,
          tension: 0.2 }] } });
    }
  },
};
