/** The Electron runtime's path when it is installed, else null. */
export declare const electronBinary: () => string | null;
