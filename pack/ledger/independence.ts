// Appeals are independent: the people who took the decision under appeal, read from the decision log.
import type {DisputeRecord} from "../core/records";
import {APPEALED_DECISIONS, decisionTakers, requireIndependent} from "../core/disputes";
import {DomainError} from "../core/errors";
import {a1, batchGetValues} from "../google/sheets";
import {EVENTS} from "./store/layout";
import {columnLetter} from "./store/rows";
import type {Session} from "./store/session";

/**
 * Refuses (rule `independence`) when the signed-in person took the decision `d` appeals. Reads
 * four columns of the Events tab (worker, type, actor, time), only for categories that appeal a
 * decision; `session` must have the Events header loaded.
 */
export async function checkIndependence(session: Session, d: DisputeRecord): Promise<void> {
  const category = d.category;
  if (!category || !APPEALED_DECISIONS[category]) {
    return;
  }
  const header = session.header(EVENTS);
  const keys = ["workerId", "type", "actor", "time"] as const;
  const missing = keys.filter((k) => !header.index.has(k));
  if (missing.length) {
    throw new DomainError(
      "LEDGER_HEADER",
      `The Events tab has no ${missing.join(", ")} column in row 1, so who took the appealed decision cannot be checked. Restore the header, or run RepairLedger.`,
    );
  }
  const ranges = keys.map((k) => {
    const letter = columnLetter(header.index.get(k) ?? 0);
    return a1(EVENTS.name, `${letter}2:${letter}`);
  });
  const columns = await batchGetValues(session.g, session.ledger.spreadsheetId, ranges, {
    majorDimension: "COLUMNS",
    what: "read the decision log",
  });
  const [ids = [], types = [], actors = [], times = []] = columns.map((c) =>
    (c.values?.[0] ?? []).map((v) => String(v).trim()),
  );
  const events = ids.flatMap((id, i) =>
    id === d.workerId ? [{type: types[i] ?? "", actor: actors[i] ?? "", time: times[i] ?? ""}] : [],
  );
  requireIndependent(session.actor.email, d, decisionTakers(category, events, d.openedAt));
}
