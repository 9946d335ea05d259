export const HISTORY_PAGE = 20;
export const AUDIT_PAGE = 30;

/** The first page of a keyset-paginated list has no cursor. */
export const FIRST_PAGE = null;
