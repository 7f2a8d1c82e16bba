// Runs once they leave the app: their types, the run-file reader, JSON and CSV export, and share links
// (design.md §6).
export type * from './types.ts';
export { MAX_PROBLEMS, MAX_RUN_MODELS } from './checks.ts';
export {
  DEFAULT_MAX_RUN_FILE_BYTES,
  DEFAULT_MAX_RUN_RECORDS,
  parseRunExport,
  RUN_FORMAT,
  RUN_SCHEMA_VERSION,
  type ParseRunOptions,
} from './validate.ts';
export { csvFileName, jsonFileName, runToCsv, runToJson } from './export.ts';
export {
  decodeSetup,
  decodeShare,
  encodeSetup,
  encodeShare,
  MAX_SHARE_JSON_BYTES,
  MAX_SHARE_PAYLOAD_LENGTH,
  MAX_SHARED_FIGURES,
  SETUP_HASH_PREFIX,
  SHARE_HASH_PREFIX,
  SHARE_LINK_VERSION,
  type SharedFigure,
  type SharedModel,
  type SharedRun,
  type SharedSetup,
} from './share-link.ts';
