// Disputes: the store (store.ts), the actions on it (actions.ts), the notices they owe
// (notices.ts), the emails they come from (emails.ts) and the response clock (sla.ts).
export type {DisputeResult} from "./store";
export type {OpenSpec, ResolveSpec, ThreadFacts} from "./actions";
export {assignDispute, closeDispute, openDispute, resolveDispute} from "./actions";
export {replyContext, replySubject, sendDisputeNotice, sendDisputeNoticesFor} from "./notices";
export type {ThreadSummary} from "./emails";
export {flagDispute, summarizeThread, workerDirectory} from "./emails";
