/** The version printed by `pixdrop --version` and `pixdrop doctor`: package.json's, bundled at build time. */
import pkg from '../../../package.json';

export const PIXDROP_VERSION: string = pkg.version;
