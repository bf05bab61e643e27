// The dashboard: signs in with an API token (exchanged for a session cookie and a CSRF token),
// then shows the panels and keeps them current from the live event stream (SSE): a panel
// refreshes when an event of its kinds arrives, not on a timer.

import { api, ApiError, loadRoutes, setCsrf } from './api.js';
import { connect, disconnect } from './live.js';
import { el, mount, toast } from './ui.js';
import overview from './panels/overview.js';
import incidents from './panels/incidents.js';
import alerts from './panels/alerts.js';
import circuits from './panels/circuits.js';
import approvals from './panels/approvals.js';
import heatmap from './panels/heatmap.js';
import trigger from './panels/trigger.js';
import recovery from './panels/recovery.js';
import controls from './panels/controls.js';
import patterns from './panels/patterns.js';
import learning from './panels/learning.js';
import overhead from './panels/overhead.js';
import config from './panels/config.js';

const panels = [overview, incidents, alerts, circuits, approvals, heatmap, trigger, recovery, controls, patterns, learning,
  overhead, config];
const $ = (id) => document.getElementById(id);
const pending = new Map();
let session = null;
let timers = [];

const context = {
  get session() { return session; },
  /** True if the signed-in role may act (operator or admin). */
  get canOperate() { return session !== null && (session.role === 'operator' || session.role === 'admin'); },
  /** Refreshes the panels listening to an event type now (after an action of this page). */
  refresh: (type) => panels.filter((panel) => (panel.events || []).includes(type)).forEach(schedule),
  /** Called by a panel when the API says the session is gone. */
  signedOut: () => showSignIn('Your session ended; sign in again.'),
};

function body(panel) {
  return panel.id === 'overview' ? $('overview') : $(panel.id).querySelector('.body');
}

async function refresh(panel) {
  try {
    await panel.refresh(body(panel), context);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      context.signedOut();
      return;
    }
    mount(body(panel), el('div', { class: 'error' }, `Could not load: ${error.message}`));
  }
}

/** Coalesces refreshes of one panel within 100 ms (a burst of events makes one request). */
function schedule(panel) {
  if (pending.has(panel)) {
    return;
  }
  pending.set(panel, setTimeout(() => {
    pending.delete(panel);
    refresh(panel);
  }, 100));
}

// A panel's onEvent patches it in place; it answers 'reload' when it cannot (its last load
// failed), and the panel is loaded afresh instead.
function onEvent(type, data) {
  for (const panel of panels) {
    const reload = panel.onEvent ? panel.onEvent(type, data, body(panel), context) === 'reload' : false;
    if (reload || (panel.events || []).includes(type)) {
      schedule(panel);
    }
  }
}

function setLive(state) {
  const node = $('live-state');
  node.dataset.state = state;
  node.textContent = { on: 'live', connecting: 'connecting…', off: 'offline' }[state];
  if (state === 'off' && session !== null) {
    // The stream gave up: most often the session ended (expired, signed out elsewhere, server restarted).
    api.get('/api/v1/session').catch((error) => {
      if (error instanceof ApiError && error.status === 401) context.signedOut();
    });
  }
}

async function showDashboard(who) {
  session = who;
  setCsrf(who.csrfToken);
  $('sign-in').hidden = true;
  $('dashboard').hidden = false;
  $('sign-out').hidden = false;
  mount($('who'), el('span', { dataset: { testid: 'who' } }, `${who.name} · ${who.role}`));
  document.body.dataset.role = who.role;
  const types = [...new Set(panels.flatMap((panel) => [...(panel.events || []), ...(panel.listens || [])]))];
  // Back after a break (network, server restart, cut off for falling behind): what changed meanwhile
  // came as events this page missed, so every panel loads again.
  connect(types, onEvent, setLive, () => panels.forEach(schedule));
  await Promise.all(panels.map(refresh));
  for (const panel of panels.filter((p) => p.every)) {
    // Gauges of Homeostat itself (queue depths, spool): sampled, as they change without events.
    timers.push(setInterval(() => refresh(panel), panel.every));
  }
}

function showSignIn(message = '') {
  session = null;
  setCsrf('');
  disconnect();
  setLive('off');
  timers.forEach(clearInterval);
  timers = [];
  $('dashboard').hidden = true;
  $('sign-out').hidden = true;
  mount($('who'));
  $('sign-in').hidden = false;
  $('sign-in-error').textContent = message;
  $('token').focus();
}

async function signIn(event) {
  event.preventDefault();
  const button = $('sign-in-button');
  button.disabled = true;
  $('sign-in-error').textContent = '';
  try {
    const who = await api.post('/api/v1/session', { token: $('token').value.trim() });
    $('token').value = '';
    await showDashboard(who);
  } catch (error) {
    if (error instanceof ApiError && error.status === 429) {
      $('sign-in-error').textContent = `Too many failed attempts; try again in ${error.retryAfter || 60} s.`;
    } else if (error instanceof ApiError && error.status === 401) {
      $('sign-in-error').textContent = 'That token is not valid.';
    } else {
      $('sign-in-error').textContent = error.message;
    }
  } finally {
    button.disabled = false;
  }
}

async function signOut() {
  try {
    await api.del('/api/v1/session');
  } catch (error) {
    toast(`Sign-out: ${error.message}`, 'bad');
  }
  showSignIn('Signed out.');
}

async function boot() {
  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', signOut);
  await loadRoutes();
  try {
    await showDashboard(await api.get('/api/v1/session'));
  } catch (error) {
    showSignIn(error instanceof ApiError && error.status === 401 ? '' : error.message);
  }
}

boot();
