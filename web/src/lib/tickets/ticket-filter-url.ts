import type { SlaState, TicketSort } from '#contracts/ticket.contract.ts';
import { RISK_WINDOWS_MINUTES, type TicketFilterForm } from './ticket-filter.ts';

const SLA: readonly SlaState[] = ['on_time', 'warning', 'breached', 'paused'];
const SORTS: readonly TicketSort[] = ['newest', 'deadline'];
const TEXT_FIELDS = ['state', 'categoryId', 'agencyId', 'districtId', 'q', 'channel'] as const;

/**
 * The filter as a URL query string (without the `?`), naming only what differs from the role's defaults, so a filtered list
 * can be reloaded, bookmarked and sent to a colleague.
 */
export function filterToSearch(form: TicketFilterForm, defaults: TicketFilterForm): string {
  const params = new URLSearchParams();
  for (const field of TEXT_FIELDS) {
    const value = field === 'q' ? form.q.trim() : form[field];
    if (value !== defaults[field]) params.set(field, value);
  }
  if (form.slaState !== defaults.slaState) params.set('slaState', form.slaState);
  if (form.sort !== defaults.sort) params.set('sort', form.sort);
  if (form.view !== defaults.view) params.set('view', form.view);
  if (form.riskWindowMinutes !== defaults.riskWindowMinutes)
    params.set('riskWindowMinutes', String(form.riskWindowMinutes));
  return params.toString();
}

/** The filter a URL query asks for; anything missing or not a valid choice keeps the default. */
export function filterFromSearch(
  params: Pick<URLSearchParams, 'get'>,
  defaults: TicketFilterForm,
): TicketFilterForm {
  const form = { ...defaults };
  for (const field of TEXT_FIELDS) {
    const value = params.get(field);
    if (value !== null && value.length <= 200) form[field] = value;
  }
  const sla = params.get('slaState');
  if (sla === '' || SLA.includes(sla as SlaState)) form.slaState = sla as SlaState | '';
  const sort = params.get('sort');
  if (SORTS.includes(sort as TicketSort)) form.sort = sort as TicketSort;
  const view = params.get('view');
  if (view === 'all' || view === 'atRisk') form.view = view;
  const window = Number(params.get('riskWindowMinutes'));
  if ((RISK_WINDOWS_MINUTES as readonly number[]).includes(window)) form.riskWindowMinutes = window;
  return form;
}
