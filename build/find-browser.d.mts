export interface BrowserCandidate {
  /** Chrome, Edge, Chromium, or CHROMIUM_PATH when the user named one. */
  name: string;
  path: string;
}
/** Where to look, in order of preference; CHROMIUM_PATH comes first. */
export declare const browserCandidates: (platform?: NodeJS.Platform) => BrowserCandidate[];
/** The first installed Chromium-family browser, or null. */
export declare const findBrowser: (platform?: NodeJS.Platform) => BrowserCandidate | null;
/** One line naming what to install, for this OS. */
export declare const installHint: (platform?: NodeJS.Platform) => string;
