import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `release` builds update themselves from their feed; `training` builds (for training rooms and
 * demos, made with COUNTERSIGN_BUILD_FLAVOR=training) never do. build/dist.mjs writes the flavor
 * into the packaged package.json as `countersign.flavor`, inside the integrity-checked ASAR.
 */
export type BuildFlavor = 'release' | 'training';

/** The flavor named by a package.json's content; a package.json without one is a plain `release` build. */
export const flavorOf = (pkg: unknown): BuildFlavor | null => {
  if (typeof pkg !== 'object' || pkg === null) return null;
  const section: unknown = (pkg as { countersign?: unknown }).countersign;
  if (section === undefined) return 'release';
  if (typeof section !== 'object' || section === null) return null;
  const flavor: unknown = (section as { flavor?: unknown }).flavor;
  if (flavor === undefined || flavor === 'release') return 'release';
  if (flavor === 'training') return 'training';
  return null;
};

/**
 * The flavor of the app at `appPath`. When it cannot be told (unreadable file, unknown value)
 * the answer is `training`: the safe side, because a training build must never update.
 */
export const readBuildFlavor = (appPath: string): { flavor: BuildFlavor; problem: string | null } => {
  try {
    const flavor = flavorOf(JSON.parse(readFileSync(join(appPath, 'package.json'), 'utf8')));
    return flavor ? { flavor, problem: null } : { flavor: 'training', problem: 'unknown countersign.flavor in package.json' };
  } catch (error) {
    return { flavor: 'training', problem: error instanceof Error ? error.message : String(error) };
  }
};
