import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {DRIVE_READONLY_SCOPE} from "../pack/google/scopes";
import {documentsPage} from "../pack/ledger/documents";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {documentObject} from "../pack/coda/audits";
import {WorkerDocumentSchema} from "../pack/coda/audits";
import {LedgerParam, optionalText} from "../pack/coda/params";

interface DocumentsContinuation {
  [key: string]: number;
  row: number;
}

export function registerWorkerDocumentsTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "WorkerDocuments",
    description:
      "The documents in each worker's Google Drive folder: what each file is (identity document, tax form, contract or NDA, bank proof, other), whether it is valid, expiring, expired or stale, and which required documents are missing.",
    identityName: "WorkerDocument",
    schema: WorkerDocumentSchema,
    formula: {
      name: "SyncWorkerDocuments",
      description: "Lists the workers' document folders in Drive, sixty folders per execution.",
      parameters: [
        LedgerParam,
        optionalText("workerId", "Only this worker's documents. Leave empty for every live worker."),
      ],
      extraOAuthScopes: [DRIVE_READONLY_SCOPE],
      execute: async ([ledger, workerId], context) =>
        withGoogle(context, async ({g, now}) => {
          const first = (context.sync.continuation as DocumentsContinuation | undefined)?.row ?? 2;
          const page = await documentsPage(g, parseLedgerRef(ledger), first, workerId || undefined, now);
          const result = page.workers.flatMap((w) =>
            w.documents.map((d) => documentObject(d, w.workerId, w.name, w.folderId)),
          );
          const continuation: DocumentsContinuation | undefined = page.next ? {row: page.next} : undefined;
          return {result, continuation};
        }),
    },
  });
}
