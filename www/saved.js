// What the page keeps in the browser and carries in links: the autosaved agreement, the saved
// versions with their notes, and the share link's compressed agreement. Nothing here decides
// whether an agreement is valid: the engine does (the page adopts what it accepts, migrating the
// agreement document itself); this module migrates only its own envelope (`format`).
//
// What cannot be read is never written over: it is set aside under `<ns>.unreadable` (the
// saved agreement) or `<ns>.versions.unreadable` (the list of versions), with the reason.
import { t } from './i18n.js';

// A workbench framed by <accord-workbench> (`?embed=1`) keeps its own state apart, per
// agreement URL, so that an intranet page never overwrites what the user saved on the full page
// of the same site (nor one embedded agreement another).
const NS = (() => {
  const params = new URLSearchParams(globalThis.location?.search ?? '');
  return params.get('embed') === '1' ? `accord.embed[${params.get('agreement') ?? ''}]` : 'accord';
})();
const STATE_KEY = `${NS}.state`;
const VERSIONS_KEY = `${NS}.versions`;
const ASIDE_KEY = `${NS}.unreadable`;
const VERSIONS_ASIDE_KEY = `${NS}.versions.unreadable`;
const BEFORE_MIGRATION_KEY = `${NS}.state.before-migration`;
/** The layout of what is stored; a newer page reads older formats. */
export const FORMAT = 1;
/**
 * How to bring what an older page stored up to date: `UPGRADES[n]` turns a format-n envelope
 * (`{ format: n, … }`) into a format n+1 one. Format 1 is the only one there has been so far,
 * so the table is empty; a page that changes the layout adds the step from the previous format
 * here (and keeps reading the older ones through the chain).
 */
const UPGRADES = {};
const MAX_VERSIONS = 100;
/** The share link's prefix: `#agreement=1.<base64url of deflate-raw of the JSON>`. */
const LINK_PREFIX = 'agreement=';
const LINK_FORMAT = '1';
/**
 * The most a link's agreement may unpack to. A real agreement is tens of kilobytes; a link of
 * a few hundred kilobytes can otherwise unpack to gigabytes (deflate packs a repeated byte over
 * a thousand times) and take the tab down.
 */
export const MAX_LINK_BYTES = 4 << 20;

function storage() {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/**
 * A stored envelope brought to the current format through `upgrades` (format n → n+1 each);
 * throws an Error saying why when it cannot be (not an envelope, written by a newer page, no
 * step from its format).
 */
export function upgrade(stored, upgrades = UPGRADES) {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored) || !Number.isInteger(stored.format) || stored.format < 0) {
    throw new Error(t('saved.notEnvelope'));
  }
  if (stored.format > FORMAT) throw new Error(t('saved.newer', { format: stored.format }));
  let s = stored;
  while (s.format < FORMAT) {
    const step = upgrades[s.format];
    if (typeof step !== 'function') throw new Error(t('saved.noUpgrade', { format: s.format }));
    const from = s.format;
    s = step(structuredClone(s));
    if (!s || s.format !== from + 1) throw new Error(t('saved.noUpgrade', { format: from }));
  }
  return s;
}

function unreadableReason(err) {
  return err instanceof SyntaxError ? t('saved.notJson', { reason: err.message }) : err.message;
}

/**
 * The autosaved agreement: `{ agreement, savedAt, format, raw }` (`format`: the one it was
 * stored in; `raw`: the text stored), `null` when nothing is saved, or `{ unreadable: reason, raw }` when what is there
 * cannot be read.
 */
export function loadSaved(upgrades = UPGRADES) {
  const raw = storage()?.getItem(STATE_KEY);
  if (raw === null || raw === undefined) return null;
  try {
    const stored = JSON.parse(raw);
    const s = upgrade(stored, upgrades);
    if (!s.agreement || typeof s.agreement !== 'object' || Array.isArray(s.agreement)) throw new Error(t('saved.noAgreement'));
    return { agreement: s.agreement, savedAt: s.savedAt ?? null, format: stored.format, raw };
  } catch (err) {
    return { unreadable: unreadableReason(err), raw };
  }
}

/**
 * Keep what was stored before the engine migrated the saved agreement (once: the first
 * migration's original is the one worth keeping), so that an older page can still be given it.
 */
export function keepBeforeMigration() {
  const st = storage();
  try {
    const raw = st?.getItem(STATE_KEY);
    if (raw && st.getItem(BEFORE_MIGRATION_KEY) === null) st.setItem(BEFORE_MIGRATION_KEY, raw);
  } catch {
    // Full or denied: the migrated agreement still works.
  }
}

/** Keep `raw` (what could not be used) aside, so that it is not lost and not read again. */
export function setAside(raw, reason) {
  const st = storage();
  if (!st) return;
  try {
    st.setItem(ASIDE_KEY, JSON.stringify({ at: new Date().toISOString(), reason, raw }));
    st.removeItem(STATE_KEY);
  } catch {
    // Full or denied: nothing else to do; the page still works.
  }
}

/** Autosave the agreement; returns false when the browser refuses (full, private mode). */
export function save(agreement) {
  try {
    storage()?.setItem(STATE_KEY, JSON.stringify({ format: FORMAT, savedAt: new Date().toISOString(), agreement }));
    return true;
  } catch {
    return false;
  }
}

/**
 * The stored list of versions: `{ versions }`, or `{ versions: [], unreadable: reason, raw }`
 * when it cannot be read.
 */
function readVersions(upgrades = UPGRADES) {
  const raw = storage()?.getItem(VERSIONS_KEY);
  if (!raw) return { versions: [] };
  try {
    const v = upgrade(JSON.parse(raw), upgrades);
    if (!Array.isArray(v.versions)) throw new Error(t('saved.notEnvelope'));
    return { versions: v.versions.filter((x) => x && typeof x.agreement === 'object' && x.agreement && x.savedAt) };
  } catch (err) {
    return { versions: [], unreadable: unreadableReason(err), raw };
  }
}

/** The saved versions, newest first: `[{ id, savedAt, note, agreement }]`. */
export function versions(upgrades = UPGRADES) {
  return readVersions(upgrades).versions;
}

/** Why the stored list of versions cannot be read (null when it can, or there is none). */
export function versionsUnreadable() {
  return readVersions().unreadable ?? null;
}

/**
 * Save the agreement as a new version with a note; returns the version or throws why not. A
 * stored list that cannot be read is set aside first (never written over); one written by a
 * newer page is left alone and nothing is saved.
 */
export function addVersion(agreement, note) {
  const read = readVersions();
  if (read.unreadable) {
    const stored = (() => {
      try {
        return JSON.parse(read.raw);
      } catch {
        return null;
      }
    })();
    if (Number.isInteger(stored?.format) && stored.format > FORMAT) throw new Error(read.unreadable);
    storage()?.setItem(VERSIONS_ASIDE_KEY, JSON.stringify({ at: new Date().toISOString(), reason: read.unreadable, raw: read.raw }));
  }
  const list = read.versions;
  const version = {
    id: `${Date.now().toString(36)}-${list.length + 1}`,
    savedAt: new Date().toISOString(),
    note: String(note ?? '').slice(0, 200),
    agreement,
  };
  const next = [version, ...list].slice(0, MAX_VERSIONS);
  const st = storage();
  if (!st) throw new Error('this browser does not let the page store anything');
  st.setItem(VERSIONS_KEY, JSON.stringify({ format: FORMAT, versions: next }));
  return version;
}

function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflate `bytes` (deflate-raw), stopping with `null` past `limit` bytes of output. */
async function inflateAtMost(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The fragment (without '#') that carries `agreement` in a share link. */
export async function encodeLink(agreement) {
  const json = new TextEncoder().encode(JSON.stringify(agreement));
  const packed = await through(json, new CompressionStream('deflate-raw'));
  return `${LINK_PREFIX}${LINK_FORMAT}.${toBase64Url(packed)}`;
}

/** Whether a location hash carries an agreement. */
export function hasLink(hash) {
  return String(hash ?? '').replace(/^#/, '').startsWith(LINK_PREFIX);
}

/** Decode a share link's fragment to the agreement object; throws an Error saying why not. */
export async function decodeLink(hash) {
  const body = String(hash ?? '').replace(/^#/, '').slice(LINK_PREFIX.length);
  const dot = body.indexOf('.');
  const format = dot < 0 ? '' : body.slice(0, dot);
  if (format !== LINK_FORMAT) throw new Error(t('link.notAccord'));
  let bytes;
  try {
    bytes = fromBase64Url(decodeURIComponent(body.slice(dot + 1)));
  } catch {
    throw new Error(t('link.badChars'));
  }
  let unpacked;
  try {
    unpacked = await inflateAtMost(bytes, MAX_LINK_BYTES);
  } catch {
    throw new Error(t('link.cut'));
  }
  if (unpacked === null) {
    throw new Error(t('link.tooBig', { mb: MAX_LINK_BYTES >> 20 }));
  }
  let text;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(unpacked);
  } catch {
    throw new Error(t('link.notText'));
  }
  let value;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new Error(t('link.notJson', { reason: err.message }));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(t('link.notObject'));
  }
  return value;
}
