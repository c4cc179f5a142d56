/** An error the emulator answers with Google's error body shape. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly status: string,
    readonly reason?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  body(): unknown {
    return {
      error: {
        code: this.code,
        message: this.message,
        status: this.status,
        ...(this.reason
          ? {
              details: [
                {"@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: this.reason, domain: "googleapis.com"},
              ],
            }
          : {}),
      },
    };
  }
}

export const badRequest = (message: string) => new ApiError(400, message, "INVALID_ARGUMENT");
export const notFound = (message = "Requested entity was not found.") => new ApiError(404, message, "NOT_FOUND");
export const forbidden = (message = "The caller does not have permission") =>
  new ApiError(403, message, "PERMISSION_DENIED");
export const unauthenticated = (
  message = "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
) => new ApiError(401, message, "UNAUTHENTICATED");
export const insufficientScopes = () =>
  new ApiError(
    403,
    "Request had insufficient authentication scopes.",
    "PERMISSION_DENIED",
    "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
  );
