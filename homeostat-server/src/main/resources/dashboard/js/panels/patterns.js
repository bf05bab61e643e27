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
  events: ['incident', 'circuit', 'pattern'],
  async refresh(node) {
    const route = firstRoute('get', '/api/v1/patterns');
    let data;
    if (route) {
      const a = await api.get(route);
      data = {
        types: a.failureTypes || a.types || a.topFailureTypes || [],
        services: a.services || a.topServices || a.failingServices || [],
        trend: a.trend || a.errorTrend || [],
        recommendations: a.recommendations || [],
        patterns: a.patterns || [],
      };
    } else {
      const [incidents, circuits] = await Promise.all([api.get('/api/v1/incidents?limit=500'), api.get('/api/v1/circuits')]);
      data = derived(incidents.incidents || [], circuits.circuits || []);
    }
    if (data.types.length === 0 && data.services.length === 0 && data.trend.every((p) => !(p.count ?? p.errors ?? p.value))) {
      mount(node, empty('No failures recorded yet.'));
      return;
    }
    const canvases = { types: el('canvas'), services: el('canvas'), trend: el('canvas') };
    const serviceValue = (s) => s.failureRatePercent ?? (s.failureRate !== undefined ? s.failureRate * 100 : undefined) ?? s.incidents ?? s.count ?? 0;
    const byRate = data.services.some((s) => s.failureRatePercent !== undefined || s.failureRate !== undefined);
    mount(node,
      route ? null : el('p', { class: 'hint' }, 'Worked out from incidents and breaker windows.'),
      el('div', { class: 'charts' },
        el('div', {}, el('div', { class: 'chart-title' }, 'Most common failure types'), el('div', { class: 'chart-box' }, canvases.types)),
        el('div', {}, el('div', { class: 'chart-title' }, byRate ? 'Highest failure rates (%)' : 'Services with most incidents'),
          el('div', { class: 'chart-box' }, canvases.services)),
        el('div', {}, el('div', { class: 'chart-title' }, 'Error trend (per hour)'), el('div', { class: 'chart-box' }, canvases.trend))),
      data.recommendations.length ? el('div', {}, el('h3', {}, 'Recommendations'), table([
        ['Recommendation', (r) => r.text || r.message || r.recommendation || r.summary || ''],
        ['For', (r) => r.service || r.fingerprint || ''],
      ], data.recommendations)) : null,
      null);
    draw('patterns:types', canvases.types, { type: 'bar', horizontal: true, data: {
      labels: data.types.map((t) => t.type || t.name || t.category),
      datasets: [{ label: 'occurrences', data: data.types.map((t) => t.count ?? t.occurrences ?? 0), backgroundColor: colours.accent }] } });
    draw('patterns:services', canvases.services, { type: 'bar', horizontal: true, data: {
      labels: data.services.map((s) => s.service || s.name),
      datasets: [{ label: byRate ? 'failure rate %' : 'incidents', data: data.services.map(serviceValue), backgroundColor: colours.bad }] } });
    draw('patterns:trend', canvases.trend, { type: 'line', data: {
      labels: data.trend.map((p) => new Date(p.time || p.hour).getHours().toString().padStart(2, '0') + ':00'),
      datasets: [{ label: 'errors', data: data.trend.map((p) => p.count ?? p.errors ?? p.value ?? 0), borderColor: colours.warn,
        backgroundColor: 'rgba(240,180,41,.15)', fill: true, tension: 0.25, pointRadius: 0 }] } });
  },
};
