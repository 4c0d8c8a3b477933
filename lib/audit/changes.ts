/*
 * An audit entry's before / after as lines a person reads: nested objects become dotted fields
 * (workTime.workday), values become text, and fields whose both sides are empty are left out, so
 * an entry never shows artefacts like `∅ []`. References (ids of OUs, queues, …) are marked with
 * their kind so the page can show names; they are resolved at read time, not stored.
 */

export type ReferenceKind = "ou" | "skillQueue" | "certificate" | "apiApp" | "channel" | "user";

/** Fields that hold ids, by their last path segment. */
const REFERENCE_FIELDS: Record<string, ReferenceKind> = {
  ouId: "ou",
  parentId: "ou",
  skillQueueId: "skillQueue",
  noAgentReplyQueueId: "skillQueue",
  targetSkillQueueId: "skillQueue",
  transferQueueIds: "skillQueue",
  trustCertificateId: "certificate",
  identityCertificateId: "certificate",
  certificateId: "certificate",
  apiAppId: "apiApp",
  channelId: "channel",
  userId: "user",
};

/** Audit target types whose ids can be named. */
export const TARGET_KINDS: Record<string, ReferenceKind> = {
  ou: "ou",
  skillQueue: "skillQueue",
  certificate: "certificate",
  apiApp: "apiApp",
  channel: "channel",
  user: "user",
};

/** One value as shown: plain text, a yes/no, "none", or ids to name. */
export type ShownValue =
  | { kind: "text"; text: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "none" }
  | { kind: "refs"; ref: ReferenceKind; ids: string[] };

export interface ChangeLine {
  field: string;
  /** Absent when the entry has no before (a creation) or the field is new in it. */
  before?: ShownValue;
  after?: ShownValue;
}

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Leaves of nested objects under dotted names; arrays are leaves. */
export function flatten(value: Json | null, prefix = ""): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, inner] of Object.entries(value ?? {})) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (isPlainObject(inner) && Object.keys(inner).length > 0) for (const [k, v] of flatten(inner, name)) out.set(k, v);
    else out.set(name, inner);
  }
  return out;
}

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0) || (isPlainObject(value) && Object.keys(value).length === 0);

function itemText(item: unknown): string {
  if (typeof item === "string") return item;
  if (isPlainObject(item) && typeof item.start === "string" && typeof item.end === "string") return `${item.start}–${item.end}`;
  if (typeof item === "number" || typeof item === "boolean") return String(item);
  return JSON.stringify(item);
}

export function showValue(field: string, value: unknown): ShownValue {
  if (isEmpty(value)) return { kind: "none" };
  const ref = REFERENCE_FIELDS[field.split(".").at(-1)!];
  if (ref && (typeof value === "string" || (Array.isArray(value) && value.every((item) => typeof item === "string")))) {
    return { kind: "refs", ref, ids: Array.isArray(value) ? (value as string[]) : [value as string] };
  }
  if (typeof value === "boolean") return { kind: "boolean", value };
  if (Array.isArray(value)) return { kind: "text", text: value.map(itemText).join(", ") };
  return { kind: "text", text: itemText(value) };
}

/** The fields that differ; for a creation or a deletion, every non-empty field of the one side. */
export function changeLines(before: Json | null, after: Json | null): ChangeLine[] {
  const b = flatten(before);
  const a = flatten(after);
  const lines: ChangeLine[] = [];
  for (const field of new Set([...b.keys(), ...a.keys()])) {
    const old = b.get(field);
    const now = a.get(field);
    if (isEmpty(old) && isEmpty(now)) continue;
    if (JSON.stringify(old) === JSON.stringify(now)) continue;
    lines.push({
      field,
      ...(before && b.has(field) ? { before: showValue(field, old) } : {}),
      ...(after && a.has(field) ? { after: showValue(field, now) } : {}),
    });
  }
  return lines;
}

/** Every id the lines and targets name, by kind: what the page resolves in one query per kind. */
export function referencedIds(entries: { targetType: string; targetId: string; lines: ChangeLine[] }[]): Record<ReferenceKind, string[]> {
  const ids: Record<ReferenceKind, Set<string>> = { ou: new Set(), skillQueue: new Set(), certificate: new Set(), apiApp: new Set(), channel: new Set(), user: new Set() };
  for (const entry of entries) {
    const kind = TARGET_KINDS[entry.targetType];
    if (kind) ids[kind].add(entry.targetId);
    for (const line of entry.lines) {
      for (const side of [line.before, line.after]) if (side?.kind === "refs") for (const id of side.ids) ids[side.ref].add(id);
    }
  }
  return Object.fromEntries(Object.entries(ids).map(([kind, set]) => [kind, [...set]])) as Record<ReferenceKind, string[]>;
}

/** Target types with a label in the catalogs (audit.targetTypes); any other is shown as stored. */
export const LABELLED_TARGET_TYPES = ["channel", "ou", "skillQueue", "certificate", "apiApp", "user", "export", "nonWorkingDay", "serviceTimeSettings", "tenant", "trustlistEntry"] as const;
export type LabelledTargetType = (typeof LABELLED_TARGET_TYPES)[number];
export const isLabelledTargetType = (type: string): type is LabelledTargetType => (LABELLED_TARGET_TYPES as readonly string[]).includes(type);
