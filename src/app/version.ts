// The lab's version, written into every run record (a unit test keeps it equal to package.json's).
export const APP_VERSION = '0.1.0';

/** The model runtime the lab is built with (package.json pins it; a unit test keeps them equal), for bug reports. */
export const WEB_LLM_VERSION = '0.2.86';
