// Circuit breakers: state, window, failures, when it may try again, with manual reset and
// force-open (operators, local breakers). Refreshed by circuit events.

import { api, fill } from '../api.js';
import { ago, askReason, badge, el, empty, mount, percent, table, toast } from '../ui.js';

async function act(circuit, verb, context) {
  const answer = await askReason(verb === 'reset' ? `Reset ${circuit.name}` : `Force ${circuit.name} open`,
    verb === 'reset' ? 'Closes the breaker with an empty window.' : 'Opens the breaker until it is reset.',
    verb === 'reset' ? 'upstream recovered' : 'maintenance');
  if (!answer) {
    return;
  }
  try {
    const view = await api.post(fill(`/api/v1/circuits/{name}/${verb}`, { name: circuit.name }), { reason: answer.reason });
    toast(`${circuit.name}: ${String(view.state).toLowerCase().replace('_', ' ')}`, 'ok');
    context.refresh('circuit');
  } catch (error) {
    toast(error.message, 'bad');
  }
}

function known(instant) {
  return instant && !String(instant).startsWith('1970');
}

function nextRetry(c) {
  if (c.state === 'OPEN' && known(c.nextRetryAt)) {
    return el('span', { dataset: { testid: 'next-retry' } }, ago(c.nextRetryAt));
  }
  if (c.state === 'FORCED_OPEN') {
    return el('span', { class: 'muted' }, 'when reset');
  }
  return el('span', { class: 'muted' }, c.state === 'HALF_OPEN' ? 'trying now' : '—');
}

export default {
  id: 'panel-circuits',
  events: ['circuit'],
  async refresh(node, context) {
    const circuits = (await api.get('/api/v1/circuits')).circuits || [];
    if (circuits.length === 0) {
      mount(node, empty('No circuit breakers known yet.'));
      return;
    }
    const order = { FORCED_OPEN: 0, OPEN: 1, HALF_OPEN: 2, CLOSED: 3 };
    circuits.sort((a, b) => (order[a.state] ?? 9) - (order[b.state] ?? 9) || a.name.localeCompare(b.name));
    mount(node, el('div', { class: 'scroll' }, table([
      ['Breaker', (c) => el('span', { class: 'mono' }, c.name, c.local ? '' : el('span', { class: 'muted' }, ' (remote)'))],
      ['State', (c) => el('span', { dataset: { testid: 'circuit-state' } }, badge(c.state))],
      ['Calls', (c) => String(c.calls)],
      ['Failures', (c) => String(c.failures)],
      ['Failure rate', (c) => percent(c.failureRatePercent)],
      ['Since', (c) => (known(c.since) ? ago(c.since) : '—')],
      ['Next retry', nextRetry],
      ['Reason', (c) => el('span', { class: 'muted' }, c.reason || '')],
      ['', (c) => [
        el('button', { class: 'small', disabled: !context.canOperate || !c.local || c.state === 'CLOSED',
          dataset: { testid: 'reset' }, onclick: () => act(c, 'reset', context) }, 'Reset'),
        el('button', { class: 'small danger', disabled: !context.canOperate || !c.local || c.state === 'FORCED_OPEN',
          dataset: { testid: 'force-open' }, onclick: () => act(c, 'force-open', context) }, 'Force open')], 'actions'],
    ], circuits, { testid: 'circuits-table', key: (c) => c.name })));
  },
};
