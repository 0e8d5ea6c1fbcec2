import type { Configuration } from 'electron-builder';

export declare const loadBuilderConfig: (projectDir: string, file?: string) => Promise<Configuration>;
export declare const validateBuilderConfig: (config: Configuration) => Promise<void>;
