// Recovery effectiveness and learning progress: what the learner knows per action (success rate
// with its confidence bounds, mean time to recover) and how the success rate moved hour by hour.
// From the learning API; on a server without it, worked out from the recovery history's steps.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { el, empty, mount, percent, table, unavailable } from '../ui.js';
import { history, outcomeOf } from './recovery.js';

async function learned(node, route) {
  const actions = (await api.get(`${route}?hours=24`)).actions || [];
  if (actions.length === 0) {
    mount(node, empty('Nothing learned yet: no recovery action has finished.'));
    return;
  }
  const rows = actions.map((a) => ({ ...a.learned, action: a.action, hourly: a.hourly || [] }))
    .sort((a, b) => b.successRate - a.successRate || b.attempts - a.attempts);
  const bars = el('canvas');
  const trend = el('canvas');
  const hours = [...new Set(rows.flatMap((r) => r.hourly.map((h) => h.hour)))].sort();
  mount(node,
    el('div', { class: 'chart-title' }, 'Learned success rate per action'), el('div', { class: 'chart-box short' }, bars),
    table([
      ['Action', (r) => el('span', { class: 'mono' }, r.action)],
      ['Success', (r) => el('span', { title: `${percent(r.lowerBound * 100, 0)} – ${percent(r.upperBound * 100, 0)} (Wilson)` },
        r.attempts ? percent(r.successRate * 100, 0) : '—')],
      ['Outcomes', (r) => `${r.successes}/${r.attempts}`],
      ['Time to recover', (r) => (r.meanTimeToRecoverMs == null ? '—' : `${(r.meanTimeToRecoverMs / 1000).toFixed(1)} s`)],
    ], rows, { testid: 'learning-table' }),
    hours.length > 0 ? el('div', {}, el('div', { class: 'chart-title' }, 'Success rate so far, per hour'),
      el('div', { class: 'chart-box short' }, trend)) : null);
  draw('learning', bars, { type: 'bar', max: 100, data: {
    labels: rows.map((r) => r.action),
    datasets: [{ label: 'success rate %', data: rows.map((r) => Math.round((r.successRate || 0) * 1000) / 10),
      backgroundColor: rows.map((r) => (r.successRate >= 0.8 ? colours.ok : r.successRate >= 0.5 ? colours.warn : colours.bad)) }] } });
  if (hours.length > 0) {
    draw('learning:trend', trend, { type: 'line', max: 100, data: {
      labels: hours.map((h) => new Date(h).toTimeString().slice(0, 5)),
      datasets: rows.filter((r) => r.hourly.length).map((r, i) => ({
        label: r.action, borderColor: colours.series[i % colours.series.length], tension: 0.2, spanGaps: true,
        data: hours.map((h) => { const x = r.hourly.find((p) => p.hour === h); return x ? Math.round(x.cumulativeSuccessRate * 100) : null; }),
      })) } });
  }
}

const DAY = 86400e3;

function rate(entry) {
  return entry.attempts === 0 ? 0 : entry.successes / entry.attempts;
}

export default {
  id: 'panel-learning',
  events: ['recovery'],
  async refresh(node) {
    const route = firstRoute('get', '/api/v1/learning');
    if (route) {
      await learned(node, route);
      return;
    }
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
        // An action's success is its verification when it has one, else that it ran without error;
        // a step that names no success criteria (DONE) ran but proved nothing, and does not count.
        if (step.phase === 'SUCCEEDED' && steps.some((s) => s.stepIndex === step.stepIndex && s.attempt === step.attempt
          && (s.phase === 'VERIFIED' || s.phase === 'UNVERIFIED' || s.phase === 'DONE'))) continue;
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
