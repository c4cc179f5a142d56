/** The rules a request can be refused by, shown to a specialist as "(rule: four-eyes)". */
export type RefusalRule =
  | "audit-assignee"
  | "audit-interval"
  | "audit-recorded-once"
  | "concurrency"
  | "details"
  | "dispute-status"
  | "blacklisted"
  | "external-steps"
  | "duplicate"
  | "extension"
  | "four-eyes"
  | "independence"
  | "last-lead"
  | "live-worker"
  | "one-dispute-per-thread"
  | "pending-notice"
  | "pending-proposal"
  | "reapply-wait"
  | "reversal-first"
  | "role"
  | "row"
  | "screening"
  | "sender-verified"
  | "staff"
  | "staff-domain"
  | "transition";

/** Input a person typed that cannot be used; the message says what to type instead. */
export type InputCode =
  | "INPUT_APPEAL_DAYS"
  | "INPUT_AUDIT_ID"
  | "INPUT_CATEGORY"
  | "INPUT_COUNTRY"
  | "INPUT_DATE"
  | "INPUT_DAYS"
  | "INPUT_DISPUTE_ID"
  | "INPUT_EMAIL"
  | "INPUT_FILTER"
  | "INPUT_FOLDER"
  | "INPUT_HOLIDAYS"
  | "INPUT_ID"
  | "INPUT_ID_NUMBER"
  | "INPUT_ID_TYPE"
  | "INPUT_NOTICE_KIND"
  | "INPUT_OUTCOME"
  | "INPUT_PHONE"
  | "INPUT_REQUIRED"
  | "INPUT_ROLE"
  | "INPUT_SAMPLE"
  | "INPUT_STATUS"
  | "INPUT_STEP_OUTCOME"
  | "INPUT_STEP_REFERENCE"
  | "INPUT_THREAD"
  | "INPUT_TIMEZONE"
  | "INPUT_TOO_LONG"
  | "INPUT_TYPE"
  | "INPUT_URL"
  | "INPUT_WEEKEND"
  | "INPUT_WEEKS"
  | "INPUT_WORKER_ID"
  | "BANK_INVALID"
  | "FINGERPRINT_KEY";

/** A request the rules refuse: each comes with a {@link RefusalRule} or says which record blocks it. */
export type RefusalCode =
  | "ASSIGNEE_NOT_STAFF"
  | "ASSIGNEE_ROLE"
  | "AUDIT_DONE"
  | "AUDIT_NOT_ASSIGNEE"
  | "DISPUTE_DUPLICATE"
  | "DISPUTE_EXISTS"
  | "DISPUTE_STATUS"
  | "DUPLICATE_EMAIL"
  | "EXTEND_EARLIER"
  | "FOUR_EYES"
  | "LAST_LEAD"
  | "NONE_ELIGIBLE"
  | "NOTHING_PENDING"
  | "NOTHING_TO_CHANGE"
  | "NOT_INDEPENDENT"
  | "NOT_LIVE"
  | "NOT_SCREENED"
  | "NOT_STAFF"
  | "NO_EMAIL"
  | "NO_PROPOSAL"
  | "PROPOSAL_PENDING"
  | "REAPPLY_BLACKLISTED"
  | "REAPPLY_TOO_EARLY"
  | "REVERSAL_OUTSTANDING"
  | "ROLE"
  | "ROW_PROBLEM"
  | "SCREENING_CLEAR"
  | "SCREENING_FOUR_EYES"
  | "SCREENING_MATCH"
  | "SCREENING_REVIEW"
  | "SCREENING_STALE"
  | "SENDER_UNVERIFIED"
  | "STEP_NOT_OWED"
  | "TRANSITION";

/** Something looked up that is not there. */
export type NotFoundCode =
  | "NO_PENDING_STAFF_CHANGE"
  | "NOT_STAFF_MEMBER"
  | "AUDIT_NOT_FOUND"
  | "DISPUTE_NOT_FOUND"
  | "DRIVE_NOT_FOUND"
  | "FINDING_NOT_FOUND"
  | "GMAIL_LABEL_MISSING"
  | "THREAD_NOT_FOUND"
  | "WORKER_NOT_FOUND";

/** The ledger spreadsheet, its Settings or a source sheet cannot be used as they are. */
export type LedgerCode =
  | "SHARING_FAILED"
  | "STAFF_DOMAIN"
  | "BUSY"
  | "DOCUMENT_FOLDER"
  | "LEDGER_HEADER"
  | "LEDGER_OUTDATED"
  | "LEDGER_REF"
  | "LEDGER_TAB_MISSING"
  | "NOT_A_LEDGER"
  | "SCHEMA_NEWER"
  | "SETTINGS_APPEAL"
  | "SETTINGS_DISCORD_GUILD"
  | "SETTINGS_EXTERNAL_STEP"
  | "SETTINGS_HOLIDAYS"
  | "SETTINGS_REAPPLY"
  | "SETTINGS_REVIEW"
  | "SETTINGS_STRIKES"
  | "SETTINGS_NOTICE"
  | "SETTINGS_RULE"
  | "SETTINGS_SLA"
  | "SETTINGS_WEEKEND"
  | "SOURCE_HEADER"
  | "SOURCE_IS_LEDGER"
  | "SOURCE_REF"
  | "SOURCE_TAB"
  | "SOURCE_UNREADABLE"
  | "TAB_UNRECOVERABLE"
  | "TOO_LARGE";

/** Notices and the Google accounts that send them. */
export type NoticeCode =
  | "DRIVE_FORBIDDEN"
  | "GMAIL_DISABLED"
  | "GMAIL_FORBIDDEN"
  | "GMAIL_SCOPES"
  | "MAIL_HEADER"
  | "NOTICE_BUSY"
  | "NOTICE_DETAIL"
  | "NOTICE_FAILED"
  | "NOTICE_FINDINGS"
  | "NOTICE_HELD"
  | "NOTICE_REASON"
  | "NOTICE_UNTIL"
  | "SENDER_UNKNOWN";

/** A follow-up (access removed or restored) that could not be done, or done but not recorded. */
export type FollowUpCode = "ACCESS_DETAIL" | "ACCESS_NOT_REMOVED" | "ACCESS_NOT_RESTORED" | "FOLLOW_UP_UNRECORDED";

/** Every code a {@link DomainError} carries; stable for tests and callers. */
export type ErrorCode = InputCode | RefusalCode | NotFoundCode | LedgerCode | NoticeCode | FollowUpCode;

/**
 * The one error type the core throws. `rule` names the rule that refused the request so a
 * specialist can see why ("rule: four-eyes"); `code` is stable for tests and callers.
 */
export class DomainError extends Error {
  override readonly name = "DomainError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly rule?: RefusalRule,
  ) {
    super(rule ? `${message} (rule: ${rule})` : message);
  }
}

/** True when `err` is a {@link DomainError}, also across module copies. */
export function isDomainError(err: unknown): err is DomainError {
  return err instanceof Error && err.name === "DomainError" && typeof (err as DomainError).code === "string";
}

/** Shorthand for refusing with a rule: `throw refuse("TRANSITION", "transition", "...")`. */
export function refuse(code: ErrorCode, rule: RefusalRule, message: string): DomainError {
  return new DomainError(code, message, rule);
}

/** Shorthand for bad input that is not a rule refusal. */
export function badInput(code: ErrorCode, message: string): DomainError {
  return new DomainError(code, message);
}
