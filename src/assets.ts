/**
 * Where the files shipped beside the code are: the report templates and the fonts. Every path
 * to them is made here, from the package root (src/io/package-info.ts), so that the same code
 * finds them from src/ (tests), from the bundle in dist/ and from an installed package.
 */
import { libraryFile, packageFolder } from './io/package-info.js';

/** The bundled report templates and their schemas, with a trailing separator. */
export const TEMPLATES_DIR = packageFolder('templates');

/**
 * Noto Sans covers Latin (with Welsh ŵ ŷ, and é in Climbié), Greek and Cyrillic, and the
 * typographic quotes and dashes. Absolute paths: pdfkit is given fonts by path, never through
 * registerFont (its tables re-read a registered font's file for every cell). The build ships
 * each file libraryFile names (scripts/build.mjs).
 */
export const FONT_FILES = {
  regular: libraryFile('@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf'),
  bold: libraryFile('@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf'),
  italic: libraryFile('@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf'),
} as const;

export type FontName = keyof typeof FONT_FILES;
