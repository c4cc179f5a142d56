// Disputes: the store (store.ts), the actions on it (actions.ts), the notices they owe
// (notices.ts), the emails they come from (emails.ts) and the response clock (sla.ts).
export type {DisputeResult} from "./store";
export {DISPUTES_PAGE_ROWS, disputeMatches, listDisputes} from "./store";
export type {OpenSpec, ResolveSpec, ThreadFacts} from "./actions";
export {assignDispute, closeDispute, openDispute, resolveDispute} from "./actions";
export {replyContext, replySubject, sendDisputeNotice, sendDisputeNoticesFor} from "./notices";
export type {DisputeEmail, DisputeEmailsCursor, ThreadSummary} from "./emails";
export {
  DEFAULT_DISPUTES_LABEL,
  DISPUTE_EMAILS_PAGE,
  disputeEmailsPage,
  disputeForThread,
  flagDispute,
  summarizeThread,
  workerDirectory,
} from "./emails";
