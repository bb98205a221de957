/**
 * Where the files shipped beside the code are: the report templates and the fonts. Every path
 * to them is made here and only here, so that a build that moves the code (a bundle in one
 * file, fonts copied beside it) changes this module and nothing else.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** The package's root: this file is src/assets.ts, or dist/assets.js once built. */
const ROOT = new URL('../', import.meta.url);

/** The bundled report templates and their schemas, with a trailing slash. */
export const TEMPLATES_DIR = fileURLToPath(new URL('templates/', ROOT));

const require = createRequire(import.meta.url);

/**
 * Noto Sans covers Latin (with Welsh ŵ ŷ, and é in Climbié), Greek and Cyrillic, and the
 * typographic quotes and dashes. Absolute paths: pdfkit is given fonts by path, never through
 * registerFont (its tables re-read a registered font's file for every cell).
 */
export const FONT_FILES = {
  regular: require.resolve('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: require.resolve('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: require.resolve('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;
