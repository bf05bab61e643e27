// Active alerts with acknowledge and resolve (operators), refreshed by alert events.

import { api, fill } from '../api.js';
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

export default {
  id: 'panel-alerts',
  events: ['alert'],
  async refresh(node, context) {
    const alerts = (await api.get('/api/v1/alerts')).alerts || [];
    if (alerts.length === 0) {
      mount(node, empty('No active alerts.'));
      return;
    }
    mount(node, el('div', { class: 'scroll' }, table([
      ['State', (a) => a.acknowledgedBy ? badge('acknowledged') : badge(a.state)],
      ['Alert', (a) => el('div', {}, el('div', {}, a.summary),
        el('div', { class: 'muted' }, a.labels?.service || '', a.count > 1 ? ` · ×${a.count}` : '',
          a.acknowledgedBy ? ` · ack by ${a.acknowledgedBy}` : ''))],
      ['Since', (a) => ago(a.startsAt)],
      ['', (a) => [
        el('button', { class: 'small ghost', disabled: !context.canOperate || !!a.acknowledgedBy, dataset: { testid: 'ack' },
          onclick: () => act(a, 'ack', context) }, 'Ack'),
        el('button', { class: 'small', disabled: !context.canOperate, dataset: { testid: 'resolve' },
          onclick: () => act(a, 'resolve', context) }, 'Resolve')], 'actions'],
    ], alerts, { testid: 'alerts-table', key: (a) => a.fingerprint })));
  },
};
