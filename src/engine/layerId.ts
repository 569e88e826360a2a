/** Layer ids (spec-format.md §1): the one definition of what an id may look like. */

/** The id grammar as regular-expression source, unanchored: a letter or _, then letters, digits, _ . - */
export const LAYER_ID_SOURCE = "[A-Za-z_][A-Za-z0-9_.-]*";

/** A whole string that is a valid id (the reserved "input" aside). */
export const LAYER_ID_PATTERN = new RegExp(`^${LAYER_ID_SOURCE}$`);
