/** The folder `npm start` opens, and its first sample (absolute paths). */
export declare const SAMPLES: string;
export declare const FIRST_SAMPLE: string;
/** `code`'s arguments for `npm start`. */
export declare function desktopArguments(): string[];
/** The web workbench's address for `npm start` on a code-server at `serverUrl`. */
export declare function browserUrl(serverUrl: string): string;
