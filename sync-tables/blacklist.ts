import type * as coda from "@codahq/packs-sdk";
import {boundary} from "../pack/boundary";
import {googleFrom} from "../pack/google/http";
import {BLACKLIST} from "../pack/ledger/layout";
import type {ForwardCursor} from "../pack/ledger/read";
import {readForward} from "../pack/ledger/read";
import {parseLedgerRef} from "../pack/ledger/ref";
import {LedgerParam} from "../pack/params";
import {blacklistObject} from "../pack/present";
import {BlacklistEntrySchema} from "../pack/schemas";

export const BLACKLIST_PAGE_ROWS = 2_000;


export function registerBlacklistTable(pack: coda.PackDefinitionBuilder): void {
  pack.addSyncTable({
    name: "Blacklist",
    description: "Every blacklisted identity with the reason, clause, evidence, proposer and approving lead.",
    identityName: "BlacklistEntry",
    schema: BlacklistEntrySchema,
    formula: {
      name: "SyncBlacklist",
      description: "Reads the ledger's Blacklist tab, page by page.",
      parameters: [LedgerParam],
      execute: async ([ledger], context) =>
        boundary(async () => {
          const page = await readForward(googleFrom(context), parseLedgerRef(ledger), BLACKLIST, context.sync.continuation as ForwardCursor | undefined, BLACKLIST_PAGE_ROWS);
          return {result: page.rows.map(blacklistObject), continuation: page.next};
        }),
    },
  });
}
