// Bulk steps: one decision per worker, each under its own lock, in one call that stays inside
// Coda's 60-second limit. A refusal for one worker never stops the others; the call stops before
// its time runs out and says which ids it did not reach, and running it again with the same
// requestId continues: workers already done replay their first result and write nothing.
import type {StepInput} from "../core/decisions";
import {DomainError, isDomainError} from "../core/errors";
import type {Google} from "../google/http";
import {isGoogleApiError} from "../google/errors";
import {runLifecycleStep} from "./lifecycle";
import {normalizeWorkerId} from "./workers";

/**
 * The most worker ids one bulk call takes, and the time after which it starts no new decision,
 * leaving room inside Coda's 60 seconds for the one under way (tests lower it to exercise resuming).
 */
export const BULK = {max: 200, budgetMs: 45_000};

export interface BulkRefusal {
  WorkerId: string;
  Rule: string;
  Message: string;
}

export interface BulkSummary {
  Done: number;
  Refused: BulkRefusal[];
  Remaining: string[];
}

export interface BulkSpec {
  action: "OffboardWorker" | "SuspendWorker";
  ledger: string;
  workerIds: readonly string[];
  input: StepInput;
  params: readonly unknown[];
  requestId?: string;
  notify?: boolean;
}

/** Runs `spec.action` for each worker in turn; `clock` returns milliseconds. */
export async function runBulk(
  g: Google,
  spec: BulkSpec,
  now: string,
  clock: () => number = () => Date.now(),
): Promise<BulkSummary> {
  const started = clock();
  const ids = bulkIds(spec.workerIds);
  const summary: BulkSummary = {Done: 0, Refused: [], Remaining: []};
  for (let i = 0; i < ids.length; i++) {
    const workerId = ids[i] as string;
    // Always one decision per call, so a rerun makes progress however slow Google is.
    if (i > 0 && clock() - started > BULK.budgetMs) {
      summary.Remaining = ids.slice(i);
      break;
    }
    try {
      await runLifecycleStep(
        g,
        {
          action: spec.action,
          ledger: spec.ledger,
          workerId,
          input: spec.input,
          params: spec.params,
          requestId: spec.requestId,
          notify: spec.notify,
        },
        now,
      );
      summary.Done++;
    } catch (err) {
      if (isGoogleApiError(err) && err.status === 401) {
        throw err; // Coda refreshes the token; a rerun continues.
      }
      if (!isDomainError(err)) {
        // Google failed after its retries (quota, outage): stop here; a rerun continues from this worker.
        if (summary.Done === 0 && summary.Refused.length === 0) {
          throw err;
        }
        summary.Remaining = ids.slice(i);
        break;
      }
      summary.Refused.push({WorkerId: workerId, Rule: err.rule ?? err.code, Message: err.message});
    }
  }
  return summary;
}

/** The ids as worker ids, each once, in the order given; refuses more than {@link BULK}.max or a malformed id. */
export function bulkIds(workerIds: readonly string[]): string[] {
  const given = (workerIds ?? []).map((w) => String(w ?? "").trim()).filter(Boolean);
  if (!given.length) {
    throw new DomainError("INPUT_REQUIRED", "Give at least one worker id (workerIds), like W-000123.");
  }
  const ids = [...new Set(given.map(normalizeWorkerId))];
  if (ids.length > BULK.max) {
    throw new DomainError(
      "INPUT_TOO_LONG",
      `${ids.length} worker ids were given; a bulk step takes up to ${BULK.max}. Split the list and run each part with its own requestId.`,
    );
  }
  return ids;
}
