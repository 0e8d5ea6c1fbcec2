import { readFileSync } from 'node:fs';
import { load } from 'js-yaml';

/**
 * What the packaged app's `resources/app-update.yml` says about its update feed. electron-builder
 * writes that file from `publish` in electron-builder.yml (build/dist.mjs leaves `publish` out
 * when no feed is configured, and then there is no file). electron-updater reads the same file.
 */
export type UpdateFeed =
  | { kind: 'none' }
  | { kind: 'invalid'; problem: string }
  /** `publisherNames`: the Windows code-signing subject(s) electron-updater requires of an installer. */
  | { kind: 'generic'; url: string; publisherNames: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export const parseUpdateFeed = (text: string): UpdateFeed => {
  let doc: unknown;
  try {
    doc = load(text);
  } catch {
    return { kind: 'invalid', problem: 'not valid YAML' };
  }
  if (!isRecord(doc)) return { kind: 'invalid', problem: 'not a mapping' };
  if (doc.provider !== 'generic') return { kind: 'invalid', problem: `provider is ${String(doc.provider)}, not generic` };
  if (typeof doc.url !== 'string') return { kind: 'invalid', problem: 'no url' };
  let url: URL;
  try {
    url = new URL(doc.url);
  } catch {
    return { kind: 'invalid', problem: 'url is not a URL' };
  }
  if (url.protocol !== 'https:') return { kind: 'invalid', problem: 'url is not https' };
  const names: unknown = doc.publisherName;
  const publisherNames = typeof names === 'string' ? [names] : Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string' && n.trim() !== '') : [];
  return { kind: 'generic', url: url.href, publisherNames };
};

/** Reads the feed file; a missing file is `none` (a build without a feed), anything unreadable is `invalid`. */
export const readUpdateFeed = (file: string): UpdateFeed => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return { kind: 'none' };
    return { kind: 'invalid', problem: error instanceof Error ? error.message : String(error) };
  }
  return parseUpdateFeed(text);
};
