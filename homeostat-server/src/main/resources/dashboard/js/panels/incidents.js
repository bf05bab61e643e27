// Incidents, newest first; an incident event from the live stream updates its row in place at
// once (no request), and a click opens its detail: facts, diagnosis and timeline. While the last
// load of the list failed (the panel says "Could not load"), an event loads the whole list again
// instead: patched in, it would show a table of only the incidents seen since, as if complete.

import { api, fill, firstRoute } from '../api.js';
import { ago, badge, el, empty, mount, openDrawer, table } from '../ui.js';

let rows = [];
let loaded = false;
const fresh = new Set();

function render(node) {
  if (rows.length === 0) {
    mount(node, empty('No incidents. All quiet.'));
    return;
  }
  mount(node, el('div', { class: 'scroll' }, table([
    ['Severity', (i) => badge(i.severity)],
    ['Status', (i) => badge(i.status)],
    ['Incident', (i) => el('span', { dataset: { testid: 'incident-title' } }, i.title)],
    ['Services', (i) => (i.services || []).join(', ')],
    ['Detections', (i) => String(i.detectionCount ?? '')],
    ['Opened', (i) => ago(i.openedAt)],
    ['Updated', (i) => ago(i.updatedAt)],
  ], rows, { testid: 'incidents-table', key: (i) => i.id, fresh: (i) => fresh.has(i.id), onclick: detail })));
  fresh.clear();
}

async function detail(incident) {
  const answer = await api.get(fill('/api/v1/incidents/{id}', { id: incident.id }));
  const facts = answer.incident || incident;
  const parts = [
    el('h3', {}, facts.title),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Status'), el('dd', {}, badge(facts.status)),
      el('dt', {}, 'Severity'), el('dd', {}, badge(facts.severity)),
      el('dt', {}, 'Services'), el('dd', {}, (facts.services || []).join(', ')),
      el('dt', {}, 'Fingerprint'), el('dd', { class: 'mono' }, facts.fingerprint),
      el('dt', {}, 'Opened'), el('dd', {}, ago(facts.openedAt)),
      el('dt', {}, 'Resolved'), el('dd', {}, ago(facts.resolvedAt))),
  ];
  const diagnosisRoute = firstRoute('get', '/api/v1/incidents/{id}/diagnosis');
  if (diagnosisRoute && facts.status === 'OPEN') {
    parts.push(el('h3', {}, 'Diagnosis'), el('p', { class: 'muted' }, 'Not diagnosed yet: an incident settles before it is diagnosed.'));
  } else if (diagnosisRoute) {
    try {
      const diagnosis = await api.get(fill(diagnosisRoute, { id: incident.id }));
      parts.push(el('h3', {}, 'Diagnosis'), diagnosisView(diagnosis));
    } catch (error) {
      parts.push(el('h3', {}, 'Diagnosis'), el('p', { class: 'muted' }, error.status === 404 ? 'No diagnosis.' : error.message));
    }
  }
  let timeline = answer.timeline || [];
  const timelineRoute = firstRoute('get', '/api/v1/incidents/{id}/timeline');
  if (timelineRoute && timeline.length === 0) {
    const t = await api.get(fill(timelineRoute, { id: incident.id }));
    timeline = t.timeline || t.entries || [];
  }
  parts.push(el('h3', {}, 'Timeline'), el('ul', { class: 'timeline' }, timeline.map((entry) =>
    el('li', {}, el('div', { class: 'when' }, ago(entry.time), ' · ', (entry.type || '').toLowerCase()),
      el('div', {}, entry.message)))));
  openDrawer(...parts);
}

function diagnosisView(answer) {
  const d = answer.diagnosis || answer;
  const causes = d.causes || d.probableCauses || [];
  const confidence = (c) => (typeof c === 'number' ? `${Math.round(c * 100)} %` : '—');
  return el('div', {},
    answer.summary ? el('p', {}, answer.summary) : null,
    el('dl', { class: 'facts' },
      el('dt', {}, 'Category'), el('dd', {}, String(d.category ?? '—').toLowerCase(), ' ', el('span', { class: 'muted' }, confidence(d.confidence))),
      el('dt', {}, 'Severity'), el('dd', {}, d.severity ? badge(d.severity) : '—'),
      el('dt', {}, 'Root service'), el('dd', {}, d.rootService || '—')),
    causes.length ? table([
      ['Probable cause', (c) => c.cause || c.description || ''],
      ['Category', (c) => String(c.category || '').toLowerCase()],
      ['Confidence', (c) => confidence(c.confidence)],
    ], causes) : el('p', { class: 'muted' }, 'No probable cause yet.'));
}

export default {
  id: 'panel-incidents',
  listens: ['incident'],
  async refresh(node) {
    loaded = false;
    const answer = await api.get('/api/v1/incidents?limit=50');
    rows = answer.incidents || [];
    loaded = true;
    render(node);
  },
  onEvent(type, data, node) {
    if (type !== 'incident' || !data || !data.incident) {
      return undefined;
    }
    if (!loaded) {
      return 'reload';
    }
    const incident = data.incident;
    rows = [incident, ...rows.filter((row) => row.id !== incident.id)]
      .sort((a, b) => (b.openedAt || '').localeCompare(a.openedAt || ''));
    fresh.add(incident.id);
    render(node);
    return undefined;
  },
};
