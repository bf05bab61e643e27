// Service health heatmap: one row per service, one cell per hour of the last 12, coloured by
// the worst status in that hour. From the services API when the server has it; otherwise from
// the incidents (the worst severity active in the hour). A click drills down to the service's
// metric charts.

import { api, fill, firstRoute } from '../api.js';
import { colours, draw } from '../charts.js';
import { ago, badge, el, empty, mount, openDrawer, table, unavailable } from '../ui.js';

const HOURS = 12;
const HOUR = 3600 * 1000;
const RANK = { none: 0, ok: 1, warn: 2, bad: 3, critical: 4 };

function level(status) {
  const s = String(status || '').toUpperCase();
  if (['CRITICAL'].includes(s)) return 'critical';
  if (['HIGH', 'DOWN', 'UNHEALTHY', 'OPEN', 'FORCED_OPEN', 'FAILED', 'FAILING'].includes(s)) return 'bad';
  if (['MEDIUM', 'LOW', 'DEGRADED', 'HALF_OPEN', 'WARN', 'WARNING'].includes(s)) return 'warn';
  if (['INFO', 'UP', 'HEALTHY', 'OK', 'CLOSED'].includes(s)) return 'ok';
  return 'none';
}

function worse(a, b) {
  return RANK[b] > RANK[a] ? b : a;
}

/** From incidents: services × hours, each cell the worst severity active then; seen services start ok. */
function fromIncidents(incidents, now) {
  const start = now - HOURS * HOUR;
  const grid = new Map();
  for (const incident of incidents) {
    const opened = Date.parse(incident.openedAt);
    const ended = incident.resolvedAt ? Date.parse(incident.resolvedAt) : now;
    for (const service of incident.services || []) {
      if (!grid.has(service)) grid.set(service, new Array(HOURS).fill('ok'));
      const cells = grid.get(service);
      for (let h = 0; h < HOURS; h++) {
        const from = start + h * HOUR;
        if (opened < from + HOUR && ended >= from) {
          cells[h] = worse(cells[h], level(incident.severity));
        }
      }
    }
  }
  return grid;
}

/** From the services API: each service's timeline points (time, status) into hours. */
function fromServices(services, now) {
  const start = now - HOURS * HOUR;
  const grid = new Map();
  for (const service of services) {
    const cells = new Array(HOURS).fill('none');
    const points = service.timeline || service.health || service.history || [];
    for (const point of points) {
      const h = Math.floor((Date.parse(point.time || point.at || point.start) - start) / HOUR);
      if (h >= 0 && h < HOURS) cells[h] = worse(cells[h], level(point.status || point.state || point.worst));
    }
    const current = level(service.status || service.state || service.health);
    if (cells.every((c) => c === 'none') && current !== 'none') cells[HOURS - 1] = current;
    grid.set(service.name || service.service, cells);
  }
  return grid;
}

async function drill(service, incidents) {
  const parts = [el('h3', {}, service)];
  const route = firstRoute('get', '/api/v1/services/{name}/timeline', '/api/v1/services/{name}', '/api/v1/services/{name}/metrics');
  if (route) {
    const answer = await api.get(fill(route, { name: service }) + (route.endsWith('timeline') ? '?hours=12' : ''));
    const series = answer.metrics || answer.series || {};
    const entries = Array.isArray(series) ? series.map((s) => [s.metric || s.name, s.points || s.values || []]) : Object.entries(series);
    if (entries.length === 0) {
      parts.push(el('p', { class: 'muted' }, 'No metric samples in the last 12 hours.'));
    }
    const boxes = entries.map(([metric]) => el('div', {}, el('div', { class: 'chart-title' }, metric),
      el('div', { class: 'chart-box short' }, el('canvas', { dataset: { metric } }))));
    parts.push(el('div', { class: 'charts' }, boxes));
    openDrawer(...parts, incidentList(service, incidents));
    entries.forEach(([metric, points], i) => {
      const canvas = boxes[i].querySelector('canvas');
      draw(`drill:${service}:${metric}`, canvas, {
        type: 'line',
        data: {
          labels: points.map((p) => new Date(p.time || p.at || p[0]).toLocaleTimeString()),
          datasets: [{ label: metric, data: points.map((p) => p.value ?? p.v ?? p[1]), borderColor: colours.series[i % 7],
            pointRadius: 0, tension: 0.2 }],
        },
      });
    });
    return;
  }
  parts.push(unavailable('per-service metric charts'));
  openDrawer(...parts, incidentList(service, incidents));
}

function incidentList(service, incidents) {
  const mine = incidents.filter((i) => (i.services || []).includes(service));
  return el('div', {}, el('h3', {}, 'Incidents'), mine.length === 0 ? empty('None.') : table([
    ['Severity', (i) => badge(i.severity)], ['Status', (i) => badge(i.status)], ['Incident', (i) => i.title],
    ['Opened', (i) => ago(i.openedAt)]], mine));
}

export default {
  id: 'panel-heatmap',
  events: ['incident', 'circuit', 'health'],
  async refresh(node) {
    const now = Date.now();
    const incidents = (await api.get('/api/v1/incidents?limit=500')).incidents || [];
    const servicesRoute = firstRoute('get', '/api/v1/services');
    let grid;
    if (servicesRoute) {
      const answer = await api.get(servicesRoute);
      grid = fromServices(answer.services || [], now);
      for (const [service, cells] of fromIncidents(incidents, now)) {
        const mine = grid.get(service) || new Array(HOURS).fill('none');
        grid.set(service, mine.map((c, i) => worse(c, cells[i] === 'ok' ? 'none' : cells[i])));
      }
      document.getElementById('heatmap-hint').textContent = 'last 12 h · click a service for its metrics';
    } else {
      grid = fromIncidents(incidents, now);
      document.getElementById('heatmap-hint').textContent = 'last 12 h, from incidents · click for details';
    }
    if (grid.size === 0) {
      mount(node, empty('No services have reported yet.'));
      return;
    }
    const map = el('div', { class: 'heatmap', dataset: { testid: 'heatmap' } });
    map.style.gridTemplateColumns = `minmax(110px, 180px) repeat(${HOURS}, 1fr)`;
    map.append(el('div'));
    for (let h = 0; h < HOURS; h++) {
      const at = new Date(now - (HOURS - h) * HOUR);
      map.append(el('div', { class: 'axis' }, h % 2 === 1 ? `${String(at.getHours()).padStart(2, '0')}:00` : ''));
    }
    for (const [service, cells] of [...grid.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
      map.append(el('div', { class: 'name', title: service, onclick: () => drill(service, incidents) }, service));
      cells.forEach((cell, h) => map.append(el('div', {
        class: `cell ${cell}`, title: `${service}, ${new Date(now - (HOURS - h) * HOUR).toLocaleTimeString()}: ${cell}`,
        onclick: () => drill(service, incidents),
      })));
    }
    mount(node, map, el('div', { class: 'legend' },
      ['ok', 'warn', 'bad', 'critical', 'none'].map((c) => el('span', {}, el('span', { class: `swatch ${c}` }),
        { ok: 'healthy', warn: 'degraded', bad: 'failing', critical: 'critical', none: 'no data' }[c]))));
  },
};
