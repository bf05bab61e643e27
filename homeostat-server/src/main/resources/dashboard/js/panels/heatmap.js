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

/**
 * From the services API: each service's 5-minute health buckets (from its calls, checks and
 * circuit) folded into hours, worst first; the hour now also takes its status now.
 */
function fromServices(services, timelines, now) {
  const start = now - HOURS * HOUR;
  const grid = new Map();
  services.forEach((service, i) => {
    const cells = new Array(HOURS).fill('none');
    for (const bucket of timelines[i]?.buckets || []) {
      const h = Math.floor((Date.parse(bucket.start) - start) / HOUR);
      if (h >= 0 && h < HOURS) cells[h] = worse(cells[h], level(bucket.status));
    }
    cells[HOURS - 1] = worse(cells[HOURS - 1], level(service.status));
    grid.set(service.name, cells);
  });
  return grid;
}

async function drill(service, incidents) {
  const parts = [el('h3', {}, service)];
  const route = firstRoute('get', '/api/v1/services/{name}/timeline');
  if (!route) {
    openDrawer(...parts, unavailable('per-service metric charts'), incidentList(service, incidents));
    return;
  }
  const answer = await api.get(`${fill(route, { name: service })}?hours=${HOURS}`);
  const now = answer.service || {};
  parts.push(el('dl', { class: 'facts' },
    el('dt', {}, 'Status'), el('dd', {}, badge(now.status || 'unknown')),
    el('dt', {}, 'Circuit'), el('dd', {}, now.circuit ? badge(now.circuit) : '—'),
    el('dt', {}, 'Active incidents'), el('dd', {}, String(now.activeIncidents ?? 0))));
  // The service's metric series per minute when the server has them; else the values the
  // detectors saw, from the evidence of the timeline's detections.
  const series = new Map();
  const metricsRoute = firstRoute('get', '/api/v1/services/{name}/metrics');
  if (metricsRoute) {
    const base = `${fill(metricsRoute, { name: service })}?minutes=${HOURS * 60}`;
    const names = ((await api.get(base)).metrics || []).slice(0, 8);
    const answers = await Promise.all(names.map((metric) => api.get(`${base}&metric=${encodeURIComponent(metric)}`)));
    names.forEach((metric, i) => series.set(metric, (answers[i].points || []).map((p) => ({ time: p.bucketStart || p.time,
      value: p.mean ?? p.value }))));
  }
  for (const entry of metricsRoute ? [] : answer.timeline || []) {
    const value = Number(entry.evidence?.value);
    if (entry.evidence && entry.evidence.value !== undefined && Number.isFinite(value)) {
      const key = entry.evidence.series || entry.evidence.metric || 'value';
      if (!series.has(key)) series.set(key, []);
      series.get(key).push({ time: entry.time, value });
    }
  }
  if (series.size === 0 && (answer.buckets || []).length === 0) {
    parts.push(el('p', { class: 'muted' }, `No calls and no metric values in the last ${HOURS} hours.`));
  }
  const boxes = [...series.keys()].map((key) => el('div', {}, el('div', { class: 'chart-title' }, key),
    el('div', { class: 'chart-box short' }, el('canvas'))));
  const buckets = answer.buckets || [];
  const traffic = el('canvas');
  if (buckets.length > 0) {
    boxes.unshift(el('div', {}, el('div', { class: 'chart-title' }, 'Calls and failures per 5 minutes'),
      el('div', { class: 'chart-box short' }, traffic)));
  }
  parts.push(el('div', { class: 'charts', dataset: { testid: 'drill-charts' } }, boxes));
  parts.push(el('h3', {}, 'Timeline'), (answer.timeline || []).length === 0 ? empty('Nothing happened.')
    : el('ul', { class: 'timeline' }, answer.timeline.slice(-30).map((entry) => el('li', {},
      el('div', { class: 'when' }, ago(entry.time), ' · ', String(entry.type || '').toLowerCase()), el('div', {}, entry.message)))));
  openDrawer(...parts, incidentList(service, incidents));
  if (buckets.length > 0) {
    draw(`drill:${service}:traffic`, traffic, {
      type: 'bar',
      stacked: false,
      data: {
        labels: buckets.map((b) => new Date(b.start).toTimeString().slice(0, 5)),
        datasets: [
          { label: 'calls', data: buckets.map((b) => b.calls), backgroundColor: colours.accent },
          { label: 'failures', data: buckets.map((b) => b.failures), backgroundColor: colours.bad },
        ],
      },
    });
  }
  const offset = buckets.length > 0 ? 1 : 0;
  [...series.entries()].forEach(([key, points], i) => {
    draw(`drill:${service}:${key}`, boxes[i + offset].querySelector('canvas'), {
      type: 'line',
      data: {
        labels: points.map((p) => new Date(p.time).toTimeString().slice(0, 8)),
        datasets: [{ label: key, data: points.map((p) => p.value), borderColor: colours.series[i % colours.series.length],
          pointRadius: 2, tension: 0.2 }],
      },
    });
  });
}

function incidentList(service, incidents) {
  const mine = incidents.filter((i) => (i.services || []).includes(service));
  return el('div', {}, el('h3', {}, 'Incidents'), mine.length === 0 ? empty('None.') : table([
    ['Severity', (i) => badge(i.severity)], ['Status', (i) => badge(i.status)], ['Incident', (i) => i.title],
    ['Opened', (i) => ago(i.openedAt)]], mine));
}

export default {
  id: 'panel-heatmap',
  events: ['incident', 'circuit', 'recovery'],
  every: 60000,
  async refresh(node) {
    const now = Date.now();
    const incidents = (await api.get('/api/v1/incidents?limit=500')).incidents || [];
    const servicesRoute = firstRoute('get', '/api/v1/services');
    let grid;
    if (servicesRoute) {
      const services = ((await api.get(servicesRoute)).services || []).slice(0, 40);
      const timelineRoute = firstRoute('get', '/api/v1/services/{name}/timeline');
      const timelines = timelineRoute ? await Promise.all(services.map((service) =>
        api.get(`${fill(timelineRoute, { name: service.name })}?hours=${HOURS}`).catch(() => null))) : [];
      grid = fromServices(services, timelines, now);
      for (const [service, cells] of fromIncidents(incidents, now)) {
        const mine = grid.get(service) || new Array(HOURS).fill('none');
        grid.set(service, mine.map((c, i) => worse(c, cells[i] === 'ok' ? 'none' : cells[i])));
      }
      document.getElementById('heatmap-hint').textContent = 'last 12 h · click a service for its charts';
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
