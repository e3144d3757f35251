/**
 * Readable before/after of an audit entry: the fields a change touched, each with its old and new value
 * as text. Entries store whatever their feature recorded (objects mostly, sometimes nothing on one side),
 * so this never trusts the shape: unparseable JSON is shown as it is.
 */
export interface ChangedField {
  /** The recorded key; "" when a side is not an object (one row for the whole value). */
  field: string;
  before: string | null;
  after: string | null;
}

const MAX_VALUE = 1000;

function parse(json: string | null): unknown {
  if (json === null) return undefined;
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** show: a value as one line of text (long ones cut), null when the side does not have it. */
function show(value: unknown): string | null {
  if (value === undefined) return null;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

/**
 * changedFields: what an entry changed. With both sides objects, the keys whose value differs, plus keys
 * only in `after` (a key missing from `after` was not recorded, not removed); with one side only, all of
 * its keys. Returns [] when nothing was recorded.
 */
export function changedFields(beforeJson: string | null, afterJson: string | null): ChangedField[] {
  const before = parse(beforeJson);
  const after = parse(afterJson);
  if (before === undefined && after === undefined) return [];
  if ((before === undefined || isRecord(before)) && (after === undefined || isRecord(after))) {
    const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
    return keys
      .filter((k) => before === undefined || after === undefined || (k in after && show(before[k]) !== show(after[k])))
      .map((k) => ({ field: k, before: before === undefined ? null : show(before[k]), after: after === undefined ? null : show(after[k]) }));
  }
  return [{ field: '', before: show(before), after: show(after) }];
}

/** prettyJson: the stored JSON indented for the "all data" view; the text as it is when it is not JSON. */
export function prettyJson(json: string | null): string | null {
  if (json === null) return null;
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

/**
 * MAX_RAW bounds the "all data" view per side: a site text edit records up to 2 × 50,000 characters,
 * and a page of 50 such rows printed in full would weigh megabytes.
 */
export const MAX_RAW = 2000;

/** clip: the text cut to `max` characters (never inside a surrogate pair), and whether it was cut. */
export function clip(text: string, max = MAX_RAW): { text: string; cut: boolean } {
  if (text.length <= max) return { text, cut: false };
  const end = /[\uD800-\uDBFF]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return { text: text.slice(0, end), cut: true };
}
