/**
 * A refusal of the server-to-server events API: an HTTP status, a stable English code the brand's
 * system can branch on, and a sentence for the person reading its logs.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }

  body() {
    return { error: this.code, message: this.message, ...this.extra };
  }
}
