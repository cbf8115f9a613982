import type { Browser } from 'playwright-core';

/** Debian's Chromium, or the one GRADIENT_LENS_CHROMIUM names. */
export declare const CHROMIUM_PATH: string;
/** Flags for a headless run as root on a machine without internet access. */
export declare const CHROMIUM_ARGS: readonly string[];
/** Why Chromium cannot be launched here, or undefined when it can. */
export declare function missingChromium(): string | undefined;
/** Launches the headless browser; `timeout` in milliseconds (30 s unless given). */
export declare function launchChromium(options?: { timeout?: number }): Promise<Browser>;
