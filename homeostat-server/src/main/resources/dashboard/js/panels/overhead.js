// Homeostat's own overhead: its queues, what it dropped, its store writer and spool, the live
// stream. Gauges change without events, so this panel is also sampled every 10 s.

import { api } from '../api.js';
import { colours, draw } from '../charts.js';
import { el, mount, number } from '../ui.js';

const samples = [];

function row(label, value, warn) {
  return el('tr', {}, el('td', { class: 'muted' }, label), el('td', { class: warn ? 'error' : '' }, value));
}

export default {
  id: 'panel-overhead',
  every: 10000,
  events: [],
  async refresh(node) {
    const o = await api.get('/api/v1/overview');
    const bus = o.bus || {};
    const store = o.store || {};
    samples.push({ t: new Date(), pending: bus.pending || 0, accepted: o.ingest?.accepted || 0 });
    if (samples.length > 60) samples.shift();
    const canvas = el('canvas');
    const self = o.self || o.homeostat || {};
    mount(node, el('div', { class: 'charts' },
      el('table', { dataset: { testid: 'overhead-table' } }, el('tbody', {},
        row('Bus: published / delivered', `${number(bus.published)} / ${number(bus.delivered)}`),
        row('Bus: pending (queue depth)', number(bus.pending)),
        row('Bus: dropped', number(bus.dropped), bus.dropped > 0),
        row('Store: submitted / written', `${number(store.submittedRecords)} / ${number(store.writtenRecords)}`),
        row('Store: spooled / replayed', `${number(store.spooledRecords)} / ${number(store.replayedRecords)}`),
        row('Store: dropped', number(store.droppedRecords), store.droppedRecords > 0),
        row('Detector failures', number(o.detectorFailures), o.detectorFailures > 0),
        self.loopLatencyMillis !== undefined ? row('Loop latency', `${number(self.loopLatencyMillis, 1)} ms`) : null)),
      el('div', {}, el('div', { class: 'chart-title' }, 'Bus queue depth (sampled)'), el('div', { class: 'chart-box short' }, canvas))));
    draw('overhead', canvas, { type: 'line', data: {
      labels: samples.map((s) => s.t.toLocaleTimeString()),
      datasets: [{ label: 'pending signals', data: samples.map((s) => s.pending), borderColor: colours.accent, pointRadius: 0, tension: 0.2 }] } });
  },
};
