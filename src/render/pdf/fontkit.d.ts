// fontkit ships no types; the report uses one function of it (the one pdfkit uses too).
declare module 'fontkit' {
  export function create(buffer: Uint8Array, postscriptName?: string): unknown;
}
