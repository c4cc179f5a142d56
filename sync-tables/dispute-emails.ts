import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {GMAIL_READONLY_SCOPE} from "../pack/google/scopes";
import type {DisputeEmailsCursor} from "../pack/ledger/disputes";
import {DEFAULT_DISPUTES_LABEL, disputeEmailsPage} from "../pack/ledger/disputes";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {LedgerParam, optionalText} from "../pack/coda/params";
import {disputeEmailObject} from "../pack/coda/disputes";
import {DisputeEmailSchema} from "../pack/coda/disputes";

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
          const page = await disputeEmailsPage(
            g,
            parseLedgerRef(ledger),
            label,
            context.sync.continuation as DisputeEmailsCursor | undefined,
          );
          const result = page.emails.map((e) => disputeEmailObject(e.summary, e.worker, e.dispute));
          return {result, continuation: page.next};
        }),
    },
  });
}
