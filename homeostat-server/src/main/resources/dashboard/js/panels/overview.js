// System health overview: Homeostat's own health, active incidents by severity, circuits by
// state, alerts, and what came in. Refreshed by every live event.

import { api } from '../api.js';
import { badge, el, mount, number } from '../ui.js';

function stat(label, value, sub, level, testid) {
  return el('div', { class: `card stat ${level || ''}`, dataset: { testid } },
    el('div', { class: 'label' }, label), el('div', { class: 'value' }, value), el('div', { class: 'sub' }, sub));
}

export default {
  id: 'overview',
  events: ['incident', 'alert', 'circuit', 'recovery', 'approval', 'flag', 'degradation'],
  async refresh(node) {
    const [overview, health] = await Promise.all([
      api.get('/api/v1/overview'),
      fetch('/health', { cache: 'no-store' }).then((r) => r.json()).catch(() => ({ status: 'down', checks: {} })),
    ]);
    const severities = overview.activeIncidentsBySeverity || {};
    const worst = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFO'].find((s) => severities[s] > 0);
    const byState = overview.circuitsByState || {};
    const open = (byState.OPEN || 0) + (byState.FORCED_OPEN || 0);
    const halfOpen = byState.HALF_OPEN || 0;
    mount(node,
      stat('Homeostat', health.status === 'up' ? 'Healthy' : 'Degraded',
        Object.entries(health.checks || {}).map(([k, v]) => `${k}: ${v}`).join(' · '),
        health.status === 'up' ? 'ok' : 'bad', 'stat-health'),
      stat('Active incidents', number(overview.activeIncidents),
        Object.entries(severities).map(([k, v]) => `${v} ${k.toLowerCase()}`).join(' · ') || 'none',
        overview.activeIncidents === 0 ? 'ok' : (worst === 'CRITICAL' || worst === 'HIGH' ? 'bad' : 'warn'), 'stat-incidents'),
      stat('Circuits open', `${open} / ${number(overview.circuits)}`,
        halfOpen ? `${halfOpen} half-open` : (overview.openCircuits || []).join(', ') || 'all closed',
        open > 0 ? 'bad' : (halfOpen > 0 ? 'warn' : 'ok'), 'stat-circuits'),
      stat('Alerts', number(overview.alerts), 'not resolved', overview.alerts > 0 ? 'warn' : 'ok', 'stat-alerts'),
      overview.recovery ? stat('Recovery runs', number(overview.recovery.activeRuns),
        [overview.recovery.killSwitch ? 'KILL SWITCH ON' : `mode ${String(overview.recovery.mode).toLowerCase()}`,
          overview.recovery.unavailable ? 'runs unknown: the database does not answer'
            : `${number(overview.recovery.awaitingApproval)} awaiting approval`,
          overview.degradation ? `degradation ${String(overview.degradation).toLowerCase().replace(/_/g, ' ')}` : ''].filter(Boolean).join(' · '),
        overview.recovery.killSwitch ? 'bad' : (overview.recovery.awaitingApproval > 0 ? 'warn' : ''), 'stat-recovery') : null,
      stat('Signals in', number(overview.ingest?.accepted), `${number(overview.ingest?.duplicates)} duplicates · `
        + `${number(overview.ingest?.rejectedBatches)} batches rejected`, '', 'stat-ingest'),
      stat('Dropped', number((overview.ingest?.dropped || 0) + (overview.bus?.dropped || 0)),
        'signals dropped (ingest + bus)', (overview.ingest?.dropped || 0) + (overview.bus?.dropped || 0) > 0 ? 'bad' : 'ok',
        'stat-dropped'));
    const strip = document.getElementById('health-strip');
    mount(strip, Object.entries(health.checks || {}).map(([name, state]) =>
      el('span', { title: `${name}: ${state}` }, badge(state === 'up' ? 'up' : 'down', name))));
  },
};
