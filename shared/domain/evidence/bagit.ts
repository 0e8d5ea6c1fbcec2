/**
 * BagIt 1.0 (RFC 8493) tag files: the bag declaration, bag-info.txt, and the SHA-256
 * manifests. Lines are `<hex digest>  <path>` (two spaces), so `sha256sum -c manifest-sha256.txt`
 * checks a bag as well as bagit-python does. Paths are sorted, so the same bag always has the
 * same bytes.
 */
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';
export const PAYLOAD_MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';

export interface ManifestEntry {
  path: string;
  sha256: string;
}

/** RFC 8493 §2.1.3: a path's CR, LF and % are percent-encoded in manifests. */
const encodePath = (path: string): string => path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const decodePath = (path: string): string => path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%');

const byPath = (a: ManifestEntry, b: ManifestEntry): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

export const formatManifest = (entries: readonly ManifestEntry[]): string =>
  [...entries]
    .sort(byPath)
    .map((e) => `${e.sha256}  ${encodePath(e.path)}\n`)
    .join('');

export type ParsedManifest = { ok: true; entries: Map<string, string> } | { ok: false; line: number; detail: string };

export const parseManifest = (text: string): ParsedManifest => {
  const entries = new Map<string, string>();
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (const [i, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, '');
    const m = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line);
    if (!m) return { ok: false, line: i + 1, detail: 'expected "<sha256>  <path>"' };
    const path = decodePath(m[2] ?? '');
    if (entries.has(path)) return { ok: false, line: i + 1, detail: `${path} is listed twice` };
    entries.set(path, (m[1] ?? '').toLowerCase());
  }
  return { ok: true, entries };
};

/** Payload-Oxum: total payload octets "." number of payload files. */
export const payloadOxum = (octets: number, streams: number): string => `${octets}.${streams}`;

/**
 * A bag-info value on one line: control characters (CR and LF above all, which would start a
 * new element) become spaces. Shop text reaches this file (Source-Organization), RULES 20.
 */
export const bagInfoValue = (value: string): string =>
  value
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();

export const formatBagInfo = (elements: ReadonlyArray<readonly [label: string, value: string]>): string =>
  elements.map(([label, value]) => `${label}: ${bagInfoValue(value)}\n`).join('');

/** bag-info.txt as label → values (a label may repeat); continuation lines are folded in. */
export const parseBagInfo = (text: string): Map<string, string[]> | null => {
  const out = new Map<string, string[]>();
  let last: { label: string; index: number } | null = null;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (line === '') continue;
    if (/^[ \t]/.test(line)) {
      if (!last) return null;
      const values = out.get(last.label) ?? [];
      values[last.index] = `${values[last.index] ?? ''} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) return null;
    const label = line.slice(0, colon).trim();
    const values = out.get(label) ?? [];
    values.push(line.slice(colon + 1).trim());
    out.set(label, values);
    last = { label, index: values.length - 1 };
  }
  return out;
};

/** Bagging-Date: the day the bag was made, ISO 8601 (UTC). */
export const baggingDate = (at: number): string => new Date(at).toISOString().slice(0, 10);
