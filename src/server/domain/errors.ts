/** An error a user can cause; routers map `code` to a tRPC code and the UI translates `key`. */
export type DomainErrorCode = "BAD_REQUEST" | "NOT_FOUND" | "CONFLICT" | "FORBIDDEN" | "TOO_MANY_REQUESTS";

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly key: string,
    readonly fields?: Record<string, string>,
  ) {
    super(key);
    this.name = "DomainError";
  }
}
