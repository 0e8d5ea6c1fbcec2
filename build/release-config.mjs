// The effective electron-builder configuration of one release build: electron-builder.yml plus
// what the environment says (update feed, flavor). Pure: configuration and environment in,
// configuration out; build/dist.mjs runs it, test/release/ checks it.

export const UPDATE_URL_ENV = 'COUNTERSIGN_UPDATE_URL';
export const FLAVOR_ENV = 'COUNTERSIGN_BUILD_FLAVOR';
export const FLAVORS = ['release', 'training'];

/** The feed URL as it goes into the app: https, no credentials, no query, no trailing slash. */
export const checkFeedUrl = (raw) => {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${UPDATE_URL_ENV} is not a URL: "${raw}"`);
  }
  if (url.protocol !== 'https:') throw new Error(`${UPDATE_URL_ENV} must be an https:// URL (the app refuses any other feed): "${raw}"`);
  if (url.username || url.password) throw new Error(`${UPDATE_URL_ENV} must not hold a user name or password: it is written into every installed app`);
  if (url.search || url.hash) throw new Error(`${UPDATE_URL_ENV} must be the feed folder's URL, without ?query or #fragment`);
  return url.href.replace(/\/+$/, '');
};

export const releaseConfig = (base, env) => {
  const flavor = (env[FLAVOR_ENV] ?? '').trim() || 'release';
  if (!FLAVORS.includes(flavor)) throw new Error(`${FLAVOR_ENV} must be one of ${FLAVORS.join(', ')}, not "${flavor}"`);
  const publish = base.publish;
  if (typeof publish !== 'object' || publish === null || Array.isArray(publish) || publish.provider !== 'generic') {
    throw new Error('electron-builder.yml: publish must be one generic provider');
  }
  const config = structuredClone(base);
  // Read by the app (electron/main/build-flavor.ts) from its packaged package.json.
  config.extraMetadata = { ...(config.extraMetadata ?? {}), countersign: { flavor } };
  delete config.publish;
  const notes = [];
  if (flavor === 'training') {
    config.directories = { ...(config.directories ?? {}), output: `${config.directories?.output ?? 'dist'}/training` };
    notes.push('training build: no update feed, it never updates itself');
    return { config, flavor, feedUrl: null, notes };
  }
  const raw = (env[UPDATE_URL_ENV] ?? '').trim();
  if (raw === '') {
    notes.push(`no update feed (${UPDATE_URL_ENV} is not set): this build will not update itself`);
    return { config, flavor, feedUrl: null, notes };
  }
  const feedUrl = checkFeedUrl(raw);
  config.publish = { ...publish, url: feedUrl };
  // An app that updates itself must be signed: electron-updater checks updates against the
  // running app's signature (Windows publisher, macOS Developer ID), so fail rather than ship
  // an unsigned build with a feed.
  config.forceCodeSigning = true;
  notes.push(`update feed ${feedUrl} (channel ${publish.channel ?? 'latest'}); code signing required`);
  return { config, flavor, feedUrl, notes };
};
