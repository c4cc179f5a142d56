import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {WORKER_STATUSES} from "../pack/core/lifecycle";
import type {WorkersCursor} from "../pack/ledger/workers";
import {workersPage} from "../pack/ledger/workers";
import {LedgerParam, optionalList} from "../pack/coda/params";
import {workerObject} from "../pack/coda/workers";
import {WorkerSchema} from "../pack/coda/workers";

export function registerWorkersTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Workers",
    description:
      "Every worker in the ledger with their current status, vetting results and pending decisions. Filter by status and country.",
    identityName: "Worker",
    schema: WorkerSchema,
    formula: {
      name: "SyncWorkers",
      description: "Reads the ledger's Workers tab, page by page.",
      parameters: [
        LedgerParam,
        optionalList("status", "Only workers in these statuses. Leave empty for all.", [...WORKER_STATUSES]),
        optionalList("country", "Only workers in these countries (ISO codes such as MX, IN). Leave empty for all."),
      ],
      execute: async ([ledger, status, country], context) =>
        withGoogle(context, async ({g}) => {
          const cursor = context.sync.continuation as WorkersCursor | undefined;
          const page = await workersPage(g, ledger, {status, country}, cursor);
          return {result: page.rows.map((r) => workerObject(r, {role: page.role})), continuation: page.next};
        }),
    },
  });
}
