// Active alerts with acknowledge, resolve and silence (operators), and the silences in force.
// Refreshed by alert events.

import { api, fill, firstRoute } from '../api.js';
import { ago, askReason, badge, el, empty, mount, table, toast } from '../ui.js';

async function act(alert, verb, context) {
  const answer = await askReason(verb === 'ack' ? 'Acknowledge alert' : 'Resolve alert', alert.summary,
    verb === 'ack' ? 'looking into it' : 'fixed');
  if (!answer) {
    return;
  }
  try {
    await api.post(fill(`/api/v1/alerts/{fingerprint}/${verb}`, { fingerprint: alert.fingerprint }), { reason: answer.reason });
    toast(verb === 'ack' ? 'Alert acknowledged.' : 'Alert resolved.', 'ok');
    context.refresh('alert');
  } catch (error) {
    toast(error.message, 'bad');
  }
}

/** Silences alerts with this alert's service label (or all its labels when it has none). */
async function silence(alert, context) {
  const labels = alert.labels || {};
  const matchers = labels.service ? { service: labels.service } : labels;
  const minutes = el('select', { id: 'silence-minutes' },
    [[15, '15 minutes'], [60, '1 hour'], [240, '4 hours'], [1440, '1 day']].map(([m, text]) =>
      el('option', { value: m, selected: m === 60 }, text)));
  const answer = await askReason('Silence alerts',
    `Mutes every alert with ${Object.entries(matchers).map(([k, v]) => `${k}=${v}`).join(', ')}.`, 'maintenance window',
    el('div', {}, el('label', { for: 'silence-minutes' }, 'For'), minutes));
  if (!answer) {
    return;
  }
  try {
    await api.post('/api/v1/alerts/silences', { matchers, minutes: Number(minutes.value), comment: answer.reason });
    toast('Silenced.', 'ok');
    context.refresh('alert');
  } catch (error) {
    toast(error.message, 'bad');
  }
}

async function endSilence(s, context) {
  try {
    await api.del(fill('/api/v1/alerts/silences/{id}', { id: s.id }));
    toast('Silence ended.', 'ok');
  } catch (error) {
    toast(error.message, 'bad');
  }
  context.refresh('alert');
}

export default {
  id: 'panel-alerts',
  events: ['alert'],
  async refresh(node, context) {
    const canSilence = firstRoute('post', '/api/v1/alerts/silences') !== null;
    const [alerts, silences] = await Promise.all([
      api.get('/api/v1/alerts').then((a) => a.alerts || []),
      firstRoute('get', '/api/v1/alerts/silences') ? api.get('/api/v1/alerts/silences').then((a) => a.silences || []) : [],
    ]);
    const now = Date.now();
    const inForce = silences.filter((s) => Date.parse(s.endsAt) > now);
    mount(node,
      alerts.length === 0 ? empty('No active alerts.') : el('div', { class: 'scroll' }, table([
        ['State', (a) => (a.acknowledgedBy ? badge('acknowledged') : badge(a.state))],
        ['Alert', (a) => el('div', {}, el('div', {}, a.summary),
          el('div', { class: 'muted' }, a.labels?.service || '', a.count > 1 ? ` · ×${a.count}` : '',
            a.acknowledgedBy ? ` · ack by ${a.acknowledgedBy}` : ''))],
        ['Since', (a) => ago(a.startsAt)],
        ['', (a) => [
          el('button', { class: 'small ghost', disabled: !context.canOperate || !!a.acknowledgedBy, dataset: { testid: 'ack' },
            onclick: () => act(a, 'ack', context) }, 'Ack'),
          canSilence ? el('button', { class: 'small ghost', disabled: !context.canOperate, dataset: { testid: 'silence' },
            onclick: () => silence(a, context) }, 'Silence') : null,
          el('button', { class: 'small', disabled: !context.canOperate, dataset: { testid: 'resolve' },
            onclick: () => act(a, 'resolve', context) }, 'Resolve')], 'actions'],
      ], alerts, { testid: 'alerts-table', key: (a) => a.fingerprint })),
      inForce.length === 0 ? null : el('div', {}, el('div', { class: 'chart-title' }, 'Silences in force'), table([
        ['Matches', (s) => el('span', { class: 'mono' }, (s.matchers || []).map((m) => `${m.label}=${m.value}`).join(', '))],
        ['Until', (s) => ago(s.endsAt)],
        ['By', (s) => el('span', { class: 'muted' }, `${s.author || ''}: ${s.comment || ''}`)],
        ['', (s) => el('button', { class: 'small ghost', disabled: !context.canOperate, onclick: () => endSilence(s, context) }, 'End'),
          'actions'],
      ], inForce, { testid: 'silences-table' })));
  },
};
