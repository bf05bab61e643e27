// Failure pattern analysis: the most common failure types, the services failing most, and the
// error trend. From the patterns API when the server has it; otherwise worked out here from the
// incidents and the breakers' windows.

import { api, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { el, empty, mount, table } from '../ui.js';

function top(map, n) {
  return [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function derived(incidents, circuits) {
  const types = new Map();
  const services = new Map();
  for (const incident of incidents) {
    // A fingerprint is service|what|rule: the failure type is what and rule, whichever service.
    const parts = String(incident.fingerprint || '').split('|');
    const type = parts.length > 1 ? parts.slice(1).join(' · ') : incident.title;
    types.set(type, (types.get(type) || 0) + 1);
    for (const service of incident.services || []) services.set(service, (services.get(service) || 0) + 1);
  }
  const rates = circuits.filter((c) => c.calls > 0).map((c) => [c.name, c.failureRatePercent]);
  const now = Date.now();
  const trend = [];
  for (let h = 23; h >= 0; h--) {
    const start = Math.floor((now - h * 3600e3) / 3600e3) * 3600e3;
    trend.push({ time: new Date(start).toISOString(),
      count: incidents.filter((i) => Date.parse(i.openedAt) >= start && Date.parse(i.openedAt) < start + 3600e3).length });
  }
  return {
    types: top(types, 8).map(([type, count]) => ({ type, count })),
    services: rates.length ? rates.sort((a, b) => b[1] - a[1]).slice(0, 8).map(([service, rate]) => ({ service, failureRatePercent: rate }))
      : top(services, 8).map(([service, count]) => ({ service, incidents: count })),
    trend,
    recommendations: [],
  };
}

export default {
  id: 'panel-patterns',
  events: ['incident', 'circuit', 'recovery'],
  async refresh(node) {
    const route = firstRoute('get', '/api/v1/patterns/failures');
    let data;
    if (route) {
      const [a, r, p] = await Promise.all([
        api.get(`${route}?hours=24`),
        firstRoute('get', '/api/v1/recommendations') ? api.get('/api/v1/recommendations?limit=10') : { recommendations: [] },
        firstRoute('get', '/api/v1/patterns') ? api.get('/api/v1/patterns?limit=10') : { patterns: [] },
      ]);
      data = {
        types: (a.mostCommonTypes || []).map((t) => ({ type: t.key, count: t.count })),
        services: (a.servicesByFailureRate || []).map((s) => ({ service: s.key, perMinute: s.perMinute, count: s.count })),
        trend: (a.errorTrend || []).map((p) => ({ time: p.bucketStart, count: p.count })),
        recommendations: r.recommendations || [],
        patterns: p.patterns || [],
      };
    } else {
      const [incidents, circuits] = await Promise.all([api.get('/api/v1/incidents?limit=500'), api.get('/api/v1/circuits')]);
      data = derived(incidents.incidents || [], circuits.circuits || []);
    }
    if (data.types.length === 0 && data.services.length === 0 && data.trend.every((p) => !p.count)) {
      mount(node, empty('No failures recorded yet.'));
      return;
    }
    const canvases = { types: el('canvas'), services: el('canvas'), trend: el('canvas') };
    const perMinute = data.services.some((s) => s.perMinute !== undefined);
    const byRate = data.services.some((s) => s.failureRatePercent !== undefined);
    const serviceValue = (s) => (perMinute ? s.perMinute : s.failureRatePercent ?? s.incidents ?? s.count ?? 0);
    mount(node,
      route ? null : el('p', { class: 'hint' }, 'Worked out from incidents and breaker windows.'),
      el('div', { class: 'charts' },
        el('div', {}, el('div', { class: 'chart-title' }, 'Most common failure types'), el('div', { class: 'chart-box' }, canvases.types)),
        el('div', {}, el('div', { class: 'chart-title' },
          perMinute ? 'Highest failure rates (failures / min)' : byRate ? 'Highest failure rates (%)' : 'Services with most incidents'),
        el('div', { class: 'chart-box' }, canvases.services)),
        el('div', {}, el('div', { class: 'chart-title' }, 'Error trend'), el('div', { class: 'chart-box' }, canvases.trend))),
      data.patterns.length ? el('div', {}, el('div', { class: 'chart-title' }, 'Recognised patterns'), table([
        ['Pattern', (x) => x.description || x.signature],
        ['Kind', (x) => String(x.kind || '').toLowerCase()],
        ['Services', (x) => (x.services || []).join(', ')],
        ['Confidence', (x) => (x.confidence !== undefined ? `${Math.round(x.confidence * 100)} %` : '—')],
      ], data.patterns)) : null,
      data.recommendations.length ? el('div', {}, el('div', { class: 'chart-title' }, 'Recommendations'), table([
        ['Service', (x) => x.service],
        ['Do', (x) => el('span', { class: 'mono' }, x.action || '')],
        ['Because', (x) => x.cause || x.pattern || ''],
        ['Confidence', (x) => (x.confidence !== undefined ? `${Math.round(x.confidence * 100)} %` : '—')],
      ], data.recommendations)) : null);
    draw('patterns:types', canvases.types, { type: 'bar', horizontal: true, data: {
      labels: data.types.map((t) => t.type),
      datasets: [{ label: 'occurrences', data: data.types.map((t) => t.count), backgroundColor: colours.accent }] } });
    draw('patterns:services', canvases.services, { type: 'bar', horizontal: true, data: {
      labels: data.services.map((s) => s.service),
      datasets: [{ label: perMinute ? 'failures / min' : byRate ? 'failure rate %' : 'incidents', data: data.services.map(serviceValue),
        backgroundColor: colours.bad }] } });
    draw('patterns:trend', canvases.trend, { type: 'line', data: {
      labels: data.trend.map((p) => new Date(p.time).toTimeString().slice(0, 5)),
      datasets: [{ label: 'errors', data: data.trend.map((p) => p.count), borderColor: colours.warn,
        backgroundColor: 'rgba(240,180,41,.15)', fill: true, tension: 0.25, pointRadius: 0 }] } });
  },
};
