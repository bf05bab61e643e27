// The approvals queue: workflow runs whose next step is high-risk and waits for a person.
// Approve or reject (operators), with a reason that goes to the audit trail.

import { api, fill, firstRoute } from '../api.js';
import { ago, askReason, badge, el, empty, mount, table, toast, unavailable } from '../ui.js';

const LIST = ['/api/v1/approvals'];
const id = (run) => run.runId || run.id;

async function decide(run, verb, context) {
  const answer = await askReason(verb === 'approve' ? 'Approve recovery step' : 'Reject recovery step',
    `${run.workflow || ''} on ${run.service || ''}${run.step ? ` — ${run.step}` : ''}`,
    verb === 'approve' ? 'risk understood' : 'not now');
  if (!answer) {
    return;
  }
  const route = firstRoute('post', `/api/v1/approvals/{id}/${verb}`, `/api/v1/approvals/{runId}/${verb}`);
  try {
    // The approvals API calls the reason a note.
    await api.post(fill(route, { id: id(run), runId: id(run) }), { note: answer.reason });
    toast(verb === 'approve' ? 'Approved: the run continues.' : 'Rejected: the run is escalated.', 'ok');
    context.refresh('approval');
  } catch (error) {
    toast(error.message, 'bad');
  }
}

export default {
  id: 'panel-approvals',
  events: ['approval', 'recovery', 'incident'],
  async refresh(node, context) {
    const route = firstRoute('get', ...LIST);
    if (!route) {
      mount(node, unavailable('an approvals API'));
      return;
    }
    const answer = await api.get(route);
    const runs = (answer.approvals || answer.runs || answer.pending || [])
      .filter((run) => !run.phase || run.phase === 'AWAITING_APPROVAL');
    if (runs.length === 0) {
      mount(node, empty('Nothing waits for approval.'));
      return;
    }
    mount(node, el('div', { class: 'scroll' }, table([
      ['Workflow', (r) => el('div', {}, el('div', { class: 'mono' }, r.workflow || ''),
        el('div', { class: 'muted' }, `${r.service || ''}${r.step ? ` · step ${r.step}` : ''}${r.action ? ` (${r.action})` : ''}`))],
      ['Why', (r) => el('span', { class: 'muted' }, r.reason || '')],
      ['Asked', (r) => ago(r.requestedAt || r.updatedAt)],
      ['Expires', (r) => ago(r.expiresAt || r.approvalExpiresAt)],
      ['', (r) => [
        el('button', { class: 'small', disabled: !context.canOperate, dataset: { testid: 'approve' },
          onclick: () => decide(r, 'approve', context) }, 'Approve'),
        el('button', { class: 'small danger', disabled: !context.canOperate, dataset: { testid: 'reject' },
          onclick: () => decide(r, 'reject', context) }, 'Reject')], 'actions'],
    ], runs, { testid: 'approvals-table', key: id })));
  },
};
