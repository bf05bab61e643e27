// Degradation level, feature flags and recovery's own switches (kill switch, automation mode,
// services, actions and risk levels recovery leaves alone): see them, and set them as an
// operator, with a reason. Refreshed by the live 'flag' and 'degradation' events, whoever made
// the change (API, CLI, another page, the loop itself).

import { api, fill, firstRoute } from '../api.js';
import { askReason, badge, el, empty, mount, toast, unavailable } from '../ui.js';

const MODES = ['FULL', 'LIMITED', 'MONITOR', 'SHADOW'];
const LEFT_ALONE = [['disabledServices', 'service'], ['disabledActions', 'action'], ['disabledRisks', 'risk']];

/** Services, actions and risk levels recovery is turned off for, each with who did it and a way back. */
function leftAlone(recovery, setFlag, context) {
  const who = new Map((recovery.switches || []).map((s) => [s.flag, s]));
  const rows = [];
  for (const [list, kind] of LEFT_ALONE) {
    for (const target of recovery[list] || []) {
      const flag = `recovery.${kind}:${target}`;
      const setting = who.get(flag);
      rows.push(el('div', { class: 'toggle', dataset: { testid: 'left-alone', key: flag } },
        el('span', {}, el('span', { class: 'mono' }, `${kind} ${target}`),
          setting ? el('div', { class: 'hint' }, `off by ${setting.actor}: ${setting.reason}`) : null),
        el('button', { class: 'small', disabled: !setFlag, dataset: { testid: 'turn-on' },
          onclick: () => change(`Recovery of ${kind} ${target}: on`, 'Recovery may act on it again.',
            (reason) => api.post(fill(setFlag, { name: flag }), { enabled: true, reason }), context) }, 'Turn on')));
    }
  }
  const kind = el('select', { id: 'left-alone-kind', disabled: !setFlag },
    LEFT_ALONE.map(([, k]) => el('option', { value: k }, k)));
  const target = el('input', { id: 'left-alone-target', placeholder: 'orders, failover, HIGH', disabled: !setFlag });
  const off = el('button', { class: 'small danger', disabled: !setFlag, dataset: { testid: 'turn-off' },
    onclick: () => {
      const name = target.value.trim();
      if (name) {
        change(`Recovery of ${kind.value} ${name}: off`, 'Recovery holds and escalates instead of acting; kept across restarts.',
          (reason) => api.post(fill(setFlag, { name: `recovery.${kind.value}:${name}` }), { enabled: false, reason }), context);
      }
    } }, 'Turn off');
  return [el('label', {}, 'Left alone by recovery'),
    ...(rows.length ? rows : [empty('Recovery may act on every service, action and risk level.')]),
    el('div', { class: 'toggle' }, kind, target, off)];
}

async function change(title, text, send, context) {
  const answer = await askReason(title, text, 'operator decision');
  if (answer) {
    try {
      await send(answer.reason);
      toast(title, 'ok');
    } catch (error) {
      toast(error.message, 'bad');
    }
  }
  context.refresh('flag');
}

function select(id, values, current, disabled, onchange) {
  const node = el('select', { id, disabled }, values.map((v) => el('option', { value: v, selected: v === current }, v.toLowerCase().replace(/_/g, ' '))));
  node.addEventListener('change', () => onchange(node.value));
  return node;
}

export default {
  id: 'panel-controls',
  events: ['flag', 'degradation', 'recovery'],
  async refresh(node, context) {
    const levelRoute = firstRoute('get', '/api/v1/degradation');
    const flagsRoute = firstRoute('get', '/api/v1/flags');
    if (!levelRoute && !flagsRoute) {
      mount(node, unavailable('degradation and flag controls'));
      return;
    }
    const canSetLevel = context.canOperate && firstRoute('post', '/api/v1/degradation');
    const setFlag = context.canOperate && firstRoute('post', '/api/v1/flags/{name}');
    const parts = [];
    if (levelRoute) {
      const d = await api.get(levelRoute);
      const levels = (d.levels || []).map(String);
      const current = String(d.level);
      parts.push(el('label', { for: 'degradation-level' }, 'Degradation level'),
        el('div', { class: 'toggle' },
          select('degradation-level', levels, current, !canSetLevel, (level) => change(`Degradation: ${level}`,
            'Features that need more than this level switch off.', (reason) => api.post('/api/v1/degradation', { level, reason }), context)),
          el('span', { dataset: { testid: 'degradation-level' } }, ' ', badge(current === levels[0] ? 'ok' : 'degraded', current.toLowerCase().replace(/_/g, ' ')))),
        d.lastChange ? el('div', { class: 'hint' }, `last change: ${d.lastChange.reason || ''}`) : null);
    }
    if (flagsRoute) {
      const f = await api.get(flagsRoute);
      const recovery = f.recovery || {};
      parts.push(el('label', {}, 'Recovery'),
        el('div', { class: 'toggle' }, el('span', {}, 'Kill switch (stops every run)'),
          el('span', {}, recovery.killSwitch ? badge('bad', 'on') : badge('ok', 'off'), ' ',
            el('button', { class: `small ${recovery.killSwitch ? '' : 'danger'}`, disabled: !setFlag, dataset: { testid: 'kill-switch' },
              onclick: () => change(recovery.killSwitch ? 'Kill switch off' : 'Kill switch on', 'Recovery runs and steps stop while it is on.',
                (reason) => api.post(fill(setFlag, { name: 'recovery.kill-switch' }), { enabled: !recovery.killSwitch, reason }), context) },
            recovery.killSwitch ? 'Release' : 'Stop all'))),
        el('div', { class: 'toggle' }, el('span', {}, 'Automation mode'),
          select('recovery-mode', MODES, String(recovery.mode), !setFlag, (value) => change(`Automation mode: ${value}`,
            'FULL acts; LIMITED acts on low risk only; MONITOR and SHADOW only record.',
            (reason) => api.post(fill(setFlag, { name: 'recovery.mode' }), { value, reason }), context))),
        ...leftAlone(recovery, setFlag, context));
      const features = Object.entries(f.features || {});
      parts.push(el('label', {}, 'Feature flags'));
      if (features.length === 0) {
        parts.push(empty('No features registered.'));
      }
      for (const [name, feature] of features) {
        const box = el('input', { type: 'checkbox', checked: !!feature.enabled, disabled: !setFlag, dataset: { testid: `flag-${name}` } });
        box.addEventListener('change', () => change(`${name}: ${box.checked ? 'on' : 'off'}`, 'Forces the feature until cleared.',
          (reason) => api.post(fill(setFlag, { name }), { enabled: box.checked, reason }), context));
        parts.push(el('div', { class: 'toggle' }, el('span', { class: 'mono' }, name),
          el('span', {}, feature.override !== null && feature.override !== undefined ? el('span', { class: 'hint' }, 'forced ') : '', box)));
      }
    }
    mount(node, parts);
  },
};
