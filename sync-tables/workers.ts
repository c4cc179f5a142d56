import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {STAFF_ROLES, WORKER_STATUSES} from "../pack/core/lifecycle";
import {viewerRole} from "../pack/ledger/viewer";
import {countryCode} from "../pack/core/countries";
import {WORKERS} from "../pack/ledger/store/layout";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {readForward} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import type {ParsedRow} from "../pack/ledger/store/rows";
import {markDuplicateIds} from "../pack/ledger/store/rows";
import type {WorkerRecord} from "../pack/core/records";
import {LedgerParam, optionalList} from "../pack/coda/params";
import {workerObject} from "../pack/coda/workers";
import {WorkerSchema} from "../pack/coda/workers";

/** Rows per sync page: 10,000 rows (Coda's limit) in five requests. */
export const WORKERS_PAGE_ROWS = 2_000;

/**
 * Whether a row passes the status and country filters. A row whose status or country cannot be
 * read always passes: it is shown with its problem rather than hidden.
 */
export function workerMatches(
  row: ParsedRow<WorkerRecord>,
  statuses: ReadonlySet<string>,
  countries: ReadonlySet<string>,
): boolean {
  const statusOk = !statuses.size || row.invalid.has("status") || statuses.has(row.record.status);
  const countryOk = !countries.size || row.invalid.has("country") || countries.has(row.record.country.toUpperCase());
  return statusOk && countryOk;
}

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
          const ref = parseLedgerRef(ledger);
          const statuses = new Set(
            (status ?? []).map(
              (s) => WORKER_STATUSES.find((w) => w.toLowerCase() === s.trim().toLowerCase()) ?? s.trim(),
            ),
          );
          const countries = new Set((country ?? []).map((c) => countryCode(c) ?? c.trim().toUpperCase()));
          const previous = context.sync.continuation as (ForwardCursor & {role: number}) | undefined;
          // The syncing person's role, read once and carried in the continuation (-1: not on Staff).
          const roleIndex = previous ? previous.role : STAFF_ROLES.indexOf((await viewerRole(g, ref)) ?? ("" as never));
          const role = STAFF_ROLES[roleIndex];
          const page = await readForward(g, ref, WORKERS, previous, WORKERS_PAGE_ROWS);
          const rows = markDuplicateIds(page.rows, "workerId", "WorkerId").filter((r) =>
            workerMatches(r, statuses, countries),
          );
          return {
            result: rows.map((r) => workerObject(r, {role})),
            continuation: page.next ? {...page.next, role: roleIndex} : undefined,
          };
        }),
    },
  });
}
