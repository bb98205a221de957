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

/**
 * Fonts for the characters Noto Sans has no glyph for, tried in this order (src/render/pdf/
 * font-fallback.ts): symbols and dingbats (✔ ☐ ★), arrows and older symbols (→ ☺), mathematical
 * signs (≤ ∞), and monochrome emoji (✅ 🙂, with their sequences). One face each, for every
 * style of text. Scripts that need shaping (Arabic, Bengali …) are not among them.
 */
export const FALLBACK_FONT_FILES = {
  symbols2: libraryFile('@expo-google-fonts/noto-sans-symbols-2/400Regular/NotoSansSymbols2_400Regular.ttf'),
  symbols: libraryFile('@expo-google-fonts/noto-sans-symbols/400Regular/NotoSansSymbols_400Regular.ttf'),
  math: libraryFile('@expo-google-fonts/noto-sans-math/400Regular/NotoSansMath_400Regular.ttf'),
  emoji: libraryFile('@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf'),
} as const;

export type FallbackFontName = keyof typeof FALLBACK_FONT_FILES;
