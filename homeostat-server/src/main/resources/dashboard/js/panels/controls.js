// Degradation level and feature flags: see and set them (operators), with a reason.

import { api, fill, firstRoute } from '../api.js';
import { askReason, badge, el, empty, mount, toast, unavailable } from '../ui.js';

async function setLevel(route, level, context) {
  const answer = await askReason(`Set degradation to ${level}`, 'Features above this level switch off.', 'load shedding');
  if (!answer) {
    context.refresh('degradation');
    return;
  }
  try {
    await api.post(route, { level, reason: answer.reason });
    toast(`Degradation level: ${level}`, 'ok');
  } catch (error) {
    toast(error.message, 'bad');
  }
  context.refresh('degradation');
}

async function setFlag(route, flag, enabled, context) {
  const answer = await askReason(`${enabled ? 'Enable' : 'Disable'} ${flag.name}`, flag.description || '', 'operator decision');
  if (!answer) {
    context.refresh('flag');
    return;
  }
  try {
    await api.post(fill(route, { name: flag.name }), { enabled, reason: answer.reason });
    toast(`${flag.name}: ${enabled ? 'on' : 'off'}`, 'ok');
  } catch (error) {
    toast(error.message, 'bad');
  }
  context.refresh('flag');
}

export default {
  id: 'panel-controls',
  events: ['degradation', 'flag', 'config'],
  async refresh(node, context) {
    const getLevel = firstRoute('get', '/api/v1/degradation');
    const postLevel = firstRoute('post', '/api/v1/degradation');
    const getFlags = firstRoute('get', '/api/v1/flags');
    const postFlag = firstRoute('post', '/api/v1/flags/{name}');
    if (!getLevel && !getFlags) {
      mount(node, unavailable('degradation and flag controls'));
      return;
    }
    const parts = [];
    if (getLevel) {
      const d = await api.get(getLevel);
      const levels = d.levels || ['NORMAL', 'REDUCED', 'MINIMAL', 'EMERGENCY'];
      const current = d.level || d.current;
      const select = el('select', { id: 'degradation-level', disabled: !context.canOperate || !postLevel },
        levels.map((l) => el('option', { value: typeof l === 'string' ? l : l.name, selected: (typeof l === 'string' ? l : l.name) === current }, typeof l === 'string' ? l : l.name)));
      select.addEventListener('change', () => setLevel(postLevel, select.value, context));
      parts.push(el('label', { for: 'degradation-level' }, 'Degradation level'),
        el('div', { class: 'toggle' }, select, el('span', {}, ' ', badge(current === levels[0] ? 'ok' : 'degraded', String(current).toLowerCase()))));
    }
    if (getFlags) {
      const flags = (await api.get(getFlags)).flags || [];
      parts.push(el('label', {}, 'Feature flags'));
      if (flags.length === 0) parts.push(empty('No flags.'));
      for (const flag of flags) {
        const box = el('input', { type: 'checkbox', checked: !!flag.enabled, disabled: !context.canOperate || !postFlag,
          dataset: { testid: `flag-${flag.name}` } });
        box.addEventListener('change', () => setFlag(postFlag, flag, box.checked, context));
        parts.push(el('div', { class: 'toggle' }, el('span', { class: 'mono', title: flag.description || '' }, flag.name),
          el('span', {}, flag.override ? el('span', { class: 'muted' }, 'overridden ') : '', box)));
      }
    }
    mount(node, parts);
  },
};
