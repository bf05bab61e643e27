// Homeostat's own overhead: CPU, heap, threads, its bus queue and throughput, the loop's tick
// time, the store writer and spool, what it dropped. Gauges change without events, so this panel
// is sampled every 10 s.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { el, mount, number } from '../ui.js';

const samples = [];
const MB = 1024 * 1024;

function row(label, value, warn) {
  return el('tr', {}, el('td', { class: 'muted' }, label), el('td', { class: warn ? 'error' : '' }, value));
}

export default {
  id: 'panel-overhead',
  every: 10000,
  events: [],
  async refresh(node) {
    const route = firstRoute('get', '/api/v1/overhead');
    const [o, self] = await Promise.all([api.get('/api/v1/overview'), route ? api.get(route) : null]);
    const bus = o.bus || {};
    const store = o.store || {};
    samples.push({
      t: new Date(),
      pending: bus.pending || 0,
      cpu: self && self.processCpuLoad >= 0 ? Math.round(self.processCpuLoad * 1000) / 10 : null,
      tickMs: self ? self.lastTickNanos / 1e6 : null,
    });
    if (samples.length > 60) samples.shift();
    const canvas = el('canvas');
    const mine = self ? [
      row('CPU (this process)', self.processCpuLoad >= 0 ? `${(self.processCpuLoad * 100).toFixed(1)} % of ${self.processors} cores` : 'n/a'),
      row('Heap', `${number(self.heapUsed / MB)} MiB of ${number(self.heapMax / MB)} MiB`, self.heapUsed > 0.9 * self.heapMax),
      row('Threads', number(self.threads)),
      row('Signals through the bus', `${number(self.signalsPerSecond, 1)} /s`),
      row('Loop tick: last / longest (1 min)', `${(self.lastTickNanos / 1e6).toFixed(2)} / ${(self.maxTickNanos / 1e6).toFixed(2)} ms`),
      row('Bus queue', `${number(self.busPending)} of ${number(self.busCapacity)}`, self.busPending > 0.8 * self.busCapacity),
    ] : [row('Bus: pending (queue depth)', number(bus.pending))];
    mount(node, el('div', { class: 'charts' },
      el('table', { dataset: { testid: 'overhead-table' } }, el('tbody', {}, mine,
        row('Bus: published / delivered / dropped', `${number(bus.published)} / ${number(bus.delivered)} / ${number(bus.dropped)}`, bus.dropped > 0),
        row('Store: submitted / written', `${number(store.submittedRecords)} / ${number(store.writtenRecords)}`),
        row('Store: spooled / replayed / dropped', `${number(store.spooledRecords)} / ${number(store.replayedRecords)} / ${number(store.droppedRecords)}`,
          store.droppedRecords > 0),
        row('Detector failures', number(o.detectorFailures), o.detectorFailures > 0))),
      el('div', {}, el('div', { class: 'chart-title' }, self ? 'CPU % and loop tick (ms), sampled' : 'Bus queue depth (sampled)'),
        el('div', { class: 'chart-box short' }, canvas))));
    draw('overhead', canvas, { type: 'line', data: {
      labels: samples.map((s) => s.t.toLocaleTimeString()),
      datasets: self ? [
        { label: 'CPU %', data: samples.map((s) => s.cpu), borderColor: colours.accent, pointRadius: 0, tension: 0.2 },
        { label: 'tick ms', data: samples.map((s) => s.tickMs), borderColor: colours.warn, pointRadius: 0, tension: 0.2 },
      ] : [{ label: 'pending signals', data: samples.map((s) => s.pending), borderColor: colours.accent, pointRadius: 0, tension: 0.2 }] } });
  },
};
