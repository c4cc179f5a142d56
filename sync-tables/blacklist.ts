import type * as coda from "@codahq/packs-sdk";
import {withGoogle} from "../pack/coda/boundary";
import {BLACKLIST} from "../pack/ledger/store/layout";
import type {ForwardCursor} from "../pack/ledger/store/read";
import {readForward} from "../pack/ledger/store/read";
import {parseLedgerRef} from "../pack/ledger/store/ref";
import {LedgerParam} from "../pack/coda/params";
import {blacklistObject} from "../pack/coda/blacklist";
import {BlacklistEntrySchema} from "../pack/coda/blacklist";

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
        withGoogle(context, async ({g}) => {
          const page = await readForward(
            g,
            parseLedgerRef(ledger),
            BLACKLIST,
            context.sync.continuation as ForwardCursor | undefined,
            BLACKLIST_PAGE_ROWS,
          );
          return {result: page.rows.map(blacklistObject), continuation: page.next};
        }),
    },
  });
}
