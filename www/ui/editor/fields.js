// Field names for the pickers: the engine's canonical fields (crate/fields.rs), named in words
// with the raw key beside, then the loaded file's own headers.
import { t } from '../../i18n.js';

/** The canonical fields, in the engine's display order. */
export const CANONICAL = [
  'lead_id', 'email', 'first_name', 'last_name', 'company', 'job_title', 'company_size', 'industry',
  'country', 'lead_source', 'create_date', 'page_views', 'sessions', 'form_submissions', 'email_opens',
  'email_clicks', 'recent_conversion', 'last_activity_date', 'lifecycle_stage', 'mql_date', 'sql_date',
  'opportunity_date', 'customer_date', 'first_touch_date', 'sales_activities', 'owner', 'outcome',
  'deal_amount', 'do_not_contact',
];

/** What the handoff sheet can carry besides fields: the engine's own columns. */
export const SHEET_EXTRAS = ['fit', 'interest', 'grade', 'stage', 'reason'];

/**
 * Options for a field select: canonical fields in words (the raw key as the tooltip), then the
 * loaded file's headers (with the field each one was matched to, if any).
 */
export function fieldOptions(columns) {
  const out = CANONICAL.map((name) => ({ value: name, label: t(`field.${name}`), group: t('ed.fields.canonical'), title: name }));
  for (const c of columns ?? []) {
    if (!c?.header || CANONICAL.includes(c.header)) continue;
    out.push({
      value: c.header,
      label: c.field ? `${c.header} → ${t(`field.${c.field}`)}` : c.header,
      group: t('ed.fields.columns'),
      title: c.header,
    });
  }
  return out;
}
