// The OAuth scopes the pack asks Google for: https://developers.google.com/identity/protocols/oauth2/scopes
// The base scopes come with the connection; Gmail and Drive scopes only with the formulas that need them.

/** Who the user is, and the ledger spreadsheets. */
export const BASE_SCOPES = ["openid", "email", "profile", "https://www.googleapis.com/auth/spreadsheets"];

/** Sending notices from the user's Gmail. */
export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";
/** Reading the user's Gmail: dispute threads, and Sent mail to find a notice that already went. */
export const GMAIL_READONLY_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
/** Sending a notice needs both: reading finds an earlier copy in Sent mail, so none goes twice. */
export const GMAIL_NOTICE_SCOPES = [GMAIL_SEND_SCOPE, GMAIL_READONLY_SCOPE];

/** Listing files and reading permissions. */
export const DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly";
/** Changing who can open a file (removing and restoring project access). */
export const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
