import type { Configuration } from 'electron-builder';

export declare const UPDATE_URL_ENV: 'COUNTERSIGN_UPDATE_URL';
export declare const FLAVOR_ENV: 'COUNTERSIGN_BUILD_FLAVOR';
export declare const FLAVORS: readonly ['release', 'training'];

/** The feed URL as it goes into the app; throws a message naming what is wrong. */
export declare const checkFeedUrl: (raw: string) => string;

export interface ReleaseConfig {
  config: Configuration;
  flavor: 'release' | 'training';
  feedUrl: string | null;
  /** One line each, printed by dist.mjs. */
  notes: string[];
}

/** electron-builder.yml plus the environment; throws on a bad flavor or feed URL. */
export declare const releaseConfig: (base: Configuration, env: Record<string, string | undefined>) => ReleaseConfig;
