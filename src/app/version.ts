// The lab's version, written into every run record (a unit test keeps it equal to package.json's).
export const APP_VERSION = '0.1.0';
