/** PixDrop's version: package.json's, bundled at build time (`pixdrop --version`, doctor, the app's diagnostics). */
import pkg from '../../../package.json';

export const PIXDROP_VERSION: string = pkg.version;
