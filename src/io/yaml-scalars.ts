/**
 * The scalars of the schema both YAML readers resolve by (src/io/yaml-schema.ts): null,
 * true/false and whole numbers written plainly in decimal. Kept apart from the yaml library, so
 * that the fast reader and the schema's messages load without it (ARCHITECTURE.md, start-up).
 */

export const NULL_FORMS: readonly string[] = ['', '~', 'null', 'Null', 'NULL'];
export const BOOL_FORMS: readonly string[] = ['true', 'True', 'TRUE', 'false', 'False', 'FALSE'];
export const CANONICAL_INT = /^-?(?:0|[1-9][0-9]*)$/;

export const NULL_TEST = /^(?:~|null|Null|NULL)?$/;
export const BOOL_TEST = /^(?:true|True|TRUE|false|False|FALSE)$/;

/**
 * Text that YAML's core schema (or YAML 1.1's) would read as a number, true/false or null: such
 * text is written quoted, so that every YAML reader, not only ours, reads it as text.
 */
export function readsAsNonText(text: string): boolean {
  return (
    NULL_TEST.test(text) ||
    /^(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N)$/.test(text) ||
    /^[-+]?(?:[0-9][0-9_]*(?:\.[0-9_]*)?|\.[0-9_]+)(?:[eE][-+]?[0-9]+)?$/.test(text) ||
    /^[-+]?(?:0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+|\.(?:inf|Inf|INF)|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?)$/.test(text) ||
    /^\.(?:nan|NaN|NAN)$/.test(text)
  );
}
