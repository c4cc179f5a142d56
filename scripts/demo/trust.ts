// Demo part: the trust model at work. An insider's own Google access is refused by the ledger's
// protections, a forged decision is detected by VerifyLedger, and the pack-written log verifies clean.
import type {DemoContext} from "./context";
import {insider} from "../../test/helpers/insider";

type Row = Record<string, unknown>;
type Check = {Verified: boolean; EventsChecked: number; SealedThrough: number; Problems: Row[]; Warnings: Row[]};

export async function demoTrust(ctx: DemoContext): Promise<void> {
  const {run, team, ledger, emu, spreadsheetId} = ctx;
  const clean = await run.formula<Check>("VerifyLedger", [ledger], team.viewer);
  ctx.say(
    "VerifyLedger on the ledger as the pack wrote it",
    `Verified: ${clean.Verified}; ${clean.EventsChecked} events checked (hashes, receipts, chains, seals, rules replayed); ${clean.Problems.length} problems; ${clean.Warnings.length} warnings.`,
    ...(clean.Warnings.length
      ? [
          `The warnings are the seeded history's blacklistings proposed by ${team.lead.email} and approved by ${team.lead2.email}, whom she made lead as the only lead: the pattern a second account would leave, listed for a person to confirm (not a problem: nothing was tampered with). E.g. ${String(clean.Warnings[0]?.Explanation)}`,
        ]
      : []),
  );
  const seal = await run.formula<Row>("SealLog", [ledger], team.lead);
  ctx.say(
    "SealLog",
    `Sealed Events rows 2–${String(seal.SealedThrough)} by ${String(seal.SealedBy)}: ${String(seal.Digest).slice(0, 16)}…`,
  );

  // The specialist tries to make themselves a lead with one Sheets API call of their own.
  const sam = insider(emu, team.specialist, spreadsheetId);
  const promote = await sam.put("Staff!B4", [["lead"]]);
  ctx.say(
    "Insider attack 1: a specialist writes `lead` into the Staff tab with their own Google access",
    `Google answers ${promote.status}: ${String((promote.body.error as Row | undefined)?.message ?? "")}`,
  );

  // Then forges a reinstatement of a Blacklisted worker in a lead's name.
  const book = emu.state.spreadsheets.get(spreadsheetId);
  const workers = book?.sheets.find((s) => s.properties.title === "Workers")?.rows ?? [];
  const wHeader = (workers[0] ?? []) as string[];
  const victim = String(
    workers.find((r) => r?.[wHeader.indexOf("Status")] === "Blacklisted")?.[wHeader.indexOf("WorkerId")] ?? "W-000001",
  );
  const before = book?.sheets.find((s) => s.properties.title === "Events");
  const header = (before?.rows[0] ?? []) as string[];
  const row = new Array(header.length).fill("");
  const set = (h: string, v: unknown) => (row[header.indexOf(h)] = v);
  set("EventId", "E-FORGED0001");
  set("Time", new Date().toISOString());
  set("Actor", team.lead2.email);
  set("WorkerId", victim);
  set("Type", "Reinstated");
  set("FromStatus", "Blacklisted");
  set("ToStatus", "Active");
  set("Changes", JSON.stringify({status: "Active"}));
  set("Subject", victim);
  const appended = await sam.append("Events!A1", [row]);
  const rowNumber = Number(
    /!A(\d+)/.exec(String((appended.body.updates as Row | undefined)?.updatedRange ?? ""))?.[1] ?? 0,
  );
  const check = await run.formula<Check>("VerifyLedger", [ledger], team.viewer);
  const mine = check.Problems.filter((p) => p.Row === rowNumber);
  ctx.say(
    `Insider attack 2: a specialist appends a forged "Reinstated" for Blacklisted ${victim} in ${team.lead2.email}'s name (Events row ${rowNumber})`,
    `VerifyLedger: Verified ${check.Verified}; ${mine.length} problems at row ${rowNumber}:`,
    ...mine.map((p) => `  [${String(p.Rule)}] ${String(p.Explanation)}`),
  );
  const report = await run.formula<Row & {NotRepaired?: string[]}>("RepairLedger", [ledger], team.lead);
  ctx.say(
    "RepairLedger after the forgery restores nothing from it",
    ...(report.NotRepaired ?? []).slice(0, 3).map((n) => `  Not repaired: ${n}`),
  );
}
