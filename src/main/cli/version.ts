/** The version printed by `pixdrop --version` and `pixdrop doctor`. */
export { PIXDROP_VERSION } from '../engine/version';
