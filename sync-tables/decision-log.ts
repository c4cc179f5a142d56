import * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {decisionLogPage} from "../pack/ledger/decision-log";
import {instantParam, LedgerParam, optionalText} from "../pack/coda/params";
import {decisionObject} from "../pack/coda/workers";
import {DecisionSchema} from "../pack/coda/workers";

interface LogContinuation {
  [key: string]: number;
  /** The last (newest) row still to read; pages move towards row 2. */
  end: number;
}

export function registerDecisionLogTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "DecisionLog",
    description:
      "The ledger's append-only decision log, newest first: who decided what about which worker, why, and under which clause.",
    identityName: "Decision",
    schema: DecisionSchema,
    formula: {
      name: "SyncDecisionLog",
      description: "Reads the ledger's Events tab from the newest decision back.",
      parameters: [
        LedgerParam,
        optionalText("workerId", "Only this worker's decisions."),
        coda.makeParameter({
          type: coda.ParameterType.Date,
          name: "since",
          description: "Only decisions recorded on or after this time.",
          optional: true,
        }),
      ],
      execute: async ([ledger, workerId, since], context) =>
        withGoogle(context, async ({g}) => {
          const end = (context.sync.continuation as LogContinuation | undefined)?.end;
          const page = await decisionLogPage(g, ledger, {workerId, since: instantParam(since, "since"), end});
          const continuation: LogContinuation | undefined = page.next ? {end: page.next} : undefined;
          return {result: page.rows.map((r) => decisionObject(r)), continuation};
        }),
    },
  });
}
