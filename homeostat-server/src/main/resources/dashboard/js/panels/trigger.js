// Manual recovery: pick a workflow and a service, say why, start it (operators). The run goes
// through the same safety gate as an automatic one.

import { api, fill, firstRoute } from '../api.js';
import { el, empty, mount, toast, unavailable } from '../ui.js';

export default {
  id: 'panel-recovery-trigger',
  events: ['workflow', 'config'],
  async refresh(node, context) {
    const list = firstRoute('get', '/api/v1/workflows');
    const trigger = firstRoute('post', '/api/v1/workflows/{name}/runs', '/api/v1/workflows/{name}/trigger');
    if (!list || !trigger) {
      mount(node, unavailable('workflows and their manual trigger'));
      return;
    }
    const workflows = (await api.get(list)).workflows || [];
    if (workflows.length === 0) {
      mount(node, empty('No workflows are configured.'));
      return;
    }
    const workflow = el('select', { id: 'trigger-workflow', dataset: { testid: 'trigger-workflow' } },
      workflows.map((w) => el('option', { value: w.name }, w.name)));
    const service = el('input', { id: 'trigger-service', placeholder: 'service, e.g. payments', required: true });
    const reason = el('input', { id: 'trigger-reason', placeholder: 'why, for the audit trail', required: true, maxlength: 500 });
    const describe = el('p', { class: 'muted' });
    const show = () => {
      const w = workflows.find((x) => x.name === workflow.value) || {};
      const steps = (w.steps || []).map((step) => step.action).join(' → ');
      describe.textContent = [w.description, steps && `Steps: ${steps}`, w.services && `Services: ${w.services.join(', ')}`]
        .filter(Boolean).join(' · ');
    };
    workflow.addEventListener('change', show);
    const form = el('form', {},
      el('label', { for: 'trigger-workflow' }, 'Workflow'), workflow, describe,
      el('div', { class: 'form-row' },
        el('div', {}, el('label', { for: 'trigger-service' }, 'Service'), service),
        el('div', {}, el('label', { for: 'trigger-reason' }, 'Reason'), reason)),
      el('div', { class: 'form-actions' },
        el('button', { type: 'submit', disabled: !context.canOperate, dataset: { testid: 'trigger' } }, 'Start recovery')));
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      try {
        const run = await api.post(fill(trigger, { name: workflow.value }),
          { service: service.value.trim(), reason: reason.value.trim() });
        const outcome = String(run?.outcome || 'accepted').toLowerCase().replace(/_/g, ' ');
        toast(`${workflow.value} on ${run?.service || service.value}: ${outcome}${run?.reason ? ` (${run.reason})` : ''}`,
          run?.outcome === 'STARTED' ? 'ok' : '');
        reason.value = '';
        context.refresh('recovery');
      } catch (error) {
        toast(error.message, 'bad');
      }
    });
    mount(node, form);
    show();
  },
};
