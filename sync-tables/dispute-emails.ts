import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {emailKey} from "../pack/core/identity";
import type {DisputeRecord} from "../pack/core/records";
import {getThread, labelIdByName, listThreads} from "../pack/google/gmail";
import {GMAIL_READONLY_SCOPE} from "../pack/google/scopes";
import {currentUser} from "../pack/google/userinfo";
import {summarizeThread, workerDirectory} from "../pack/ledger/disputes";
import {DISPUTES} from "../pack/ledger/store/layout";
import {readPage} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {LedgerParam, optionalText} from "../pack/coda/params";
import {disputeEmailObject} from "../pack/coda/disputes";
import {DisputeEmailSchema} from "../pack/coda/disputes";

/** Threads per sync page: each needs its own threads.get. */
export const DISPUTE_EMAILS_PAGE = 25;
export const DEFAULT_DISPUTES_LABEL = "Disputes";

interface DisputeEmailsContinuation {
  [key: string]: string;
  labelId: string;
  pageToken: string;
}

/** The dispute to show for a thread: one that is not Closed first, else the latest. */
export function disputeForThread(disputes: readonly DisputeRecord[], threadId: string): DisputeRecord | undefined {
  const mine = disputes.filter((d) => d.threadId === threadId);
  return mine.find((d) => d.status !== "Closed") ?? mine[mine.length - 1];
}

export function registerDisputeEmailsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "DisputeEmails",
    description:
      "Email threads in your Gmail under a label (Disputes by default), matched to workers by canonical email, with any dispute already opened for them.",
    identityName: "DisputeEmail",
    schema: DisputeEmailSchema,
    formula: {
      name: "SyncDisputeEmails",
      description: "Lists the label's Gmail threads, page by page, newest first.",
      parameters: [
        LedgerParam,
        optionalText("label", `The Gmail label to read (${DEFAULT_DISPUTES_LABEL} when empty).`),
      ],
      extraOAuthScopes: [GMAIL_READONLY_SCOPE],
      execute: async ([ledger, label], context) =>
        withGoogle(context, async ({g}) => {
          const ref = parseLedgerRef(ledger);
          const previous = context.sync.continuation as DisputeEmailsContinuation | undefined;
          const name = (label ?? "").trim() || DEFAULT_DISPUTES_LABEL;
          const labelId = previous?.labelId ?? (await labelIdByName(g, name, "list your Gmail labels"));
          if (!labelId) {
            throw new coda.UserVisibleError(
              `Your Gmail has no label "${name}". Create it (or give the label you file disputes under) and label the workers' dispute emails with it.`,
            );
          }
          const page = await listThreads(g, {
            labelIds: [labelId],
            maxResults: DISPUTE_EMAILS_PAGE,
            pageToken: previous?.pageToken,
            what: `list the threads labelled ${name}`,
          });
          const ids = (page.threads ?? []).map((t) => t.id);
          const continuation: DisputeEmailsContinuation | undefined = page.nextPageToken
            ? {labelId, pageToken: page.nextPageToken}
            : undefined;
          if (!ids.length) {
            return {result: [], continuation};
          }
          const [me, directory, disputes, threads] = await Promise.all([
            currentUser(g),
            workerDirectory(g, ref),
            readPage(g, ref, DISPUTES, 2, 20_000),
            Promise.all(ids.map((id) => getThread(g, id, "read a dispute email"))),
          ]);
          const records = disputes.rows.map((r) => r.record);
          const result = threads
            .filter((t): t is NonNullable<typeof t> => Boolean(t))
            .map((t) => {
              const summary = summarizeThread(t, me.email);
              return disputeEmailObject(
                summary,
                directory.get(emailKey(summary.senderEmail)),
                disputeForThread(records, summary.threadId),
              );
            });
          return {result, continuation};
        }),
    },
  });
}
