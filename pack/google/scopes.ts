// The OAuth scopes the pack asks Google for: https://developers.google.com/identity/protocols/oauth2/scopes
// The base scopes come with the connection; Gmail and Drive scopes only with the formulas that need them.

/** Who the user is, and the ledger spreadsheets. */
export const BASE_SCOPES = ["openid", "email", "profile", "https://www.googleapis.com/auth/spreadsheets"];

/** Sending mail from the user's Gmail (messages.send); notices go as drafts instead (gmail.compose). */
export const GMAIL_SEND_SCOPE = "https://www.googleapis.com/auth/gmail.send";
/** Reading the user's Gmail: dispute threads. */
export const GMAIL_READONLY_SCOPE = "https://www.googleapis.com/auth/gmail.readonly";
/** Drafts: users.drafts.create and users.drafts.send need gmail.compose (or modify, or full access). */
export const GMAIL_COMPOSE_SCOPE = "https://www.googleapis.com/auth/gmail.compose";
/**
 * Sending a notice: it goes out as a draft whose id the ledger holds, and a sent draft no longer
 * exists, so no retry can send it twice (see ledger/notices.ts).
 */
export const GMAIL_NOTICE_SCOPES = [GMAIL_COMPOSE_SCOPE];
/** Replying in a worker's thread also reads the thread. */
export const GMAIL_REPLY_SCOPES = [GMAIL_COMPOSE_SCOPE, GMAIL_READONLY_SCOPE];

/** Listing files and reading permissions. */
export const DRIVE_READONLY_SCOPE = "https://www.googleapis.com/auth/drive.readonly";
/** Changing who can open a file (removing and restoring project access). */
export const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
/** Sharing the files the pack itself created (the ledger and its key file): the narrowest Drive scope. */
export const DRIVE_FILE_SCOPE = "https://www.googleapis.com/auth/drive.file";
