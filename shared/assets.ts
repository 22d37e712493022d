// Files the pages load from our own origin (CSP 'self'): today one font, Noto Nastaliq
// Urdu, so Urdu reads in the script it is written in even on a device with no Urdu font.
// Only the Arabic-script subset at weight 400 is served (159 KB as woff2, loaded only by
// pages that contain Urdu, thanks to unicode-range): labels in bold are synthesised, and
// Latin text keeps the system font. The name carries the package version, so a reply can
// be cached for a year and a new version is a new address.

export interface Asset {
  /** The public name: GET /assets/{name}. */
  name: string;
  /** Where the file is in node_modules (copied beside the Lambda bundle at deploy). */
  packageFile: string;
  contentType: string;
}

const FONT_VERSION = '5.3.0';

export const URDU_FONT: Asset = {
  name: `noto-nastaliq-urdu-arabic-400-${FONT_VERSION}.woff2`,
  packageFile: '@fontsource/noto-nastaliq-urdu/files/noto-nastaliq-urdu-arabic-400-normal.woff2',
  contentType: 'font/woff2',
};

export const ASSETS: Asset[] = [URDU_FONT];

export const assetPath = (a: Asset) => `/assets/${a.name}`;

/**
 * The @font-face rule for the pages. The unicode-range is the package's own for its
 * Arabic subset (Arabic blocks, ZWNJ/ZWJ and the marks Urdu uses), so an English page
 * never downloads the font.
 */
export const URDU_FONT_FACE = `@font-face{font-family:"Noto Nastaliq Urdu";font-style:normal;font-weight:400;font-display:swap;src:url(${assetPath(URDU_FONT)}) format("woff2");unicode-range:U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC}`;
