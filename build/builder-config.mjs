// electron-builder's own configuration loader and schema check, used without building anything
// (no Electron download, works offline). They live in app-builder-lib, electron-builder's core;
// it is resolved from electron-builder's location so the two always match.
import { createRequire } from 'node:module';

const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder/package.json'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config');
const { DebugLogger } = fromBuilder('builder-util');

/** Reads `file` (default electron-builder.yml) as electron-builder does, macros unexpanded. */
export const loadBuilderConfig = (projectDir, file = 'electron-builder.yml') => getConfig(projectDir, file, null);

/** Rejects with electron-builder's message when the configuration breaks its schema. */
export const validateBuilderConfig = (config) => validateConfiguration(config, new DebugLogger(false));
