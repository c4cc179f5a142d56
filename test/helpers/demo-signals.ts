// The demo world's workforce with signals planted in it, shared by the signal test, the demo and the bench:
// 2,000 generated workers (test/helpers/workforce.ts), then one case of each signal a lead must see.
import type {LedgerFixture} from "./fixture";
import {generateWorkforce} from "./workforce";
import {buildLedgerRecords, writeLedgerRecords} from "./workforce-seed";
import type {SeededLedger} from "./workforce-seed";
import {appendRecords, seedWorkers} from "./ledger-rows";
import {DISPUTES} from "../../pack/ledger/store/layout";
import {emptyRecord} from "../../pack/ledger/store/rows";

/** A planted signal: the rule that must find it and the worker it concerns. */
export interface PlantedSignal {
  rule: string;
  workerId: string;
}

const DAY = 86_400_000;

export function seedDemoWorkforce(f: LedgerFixture, count = 2_000): SeededLedger {
  const seeded = buildLedgerRecords(generateWorkforce({count, now: new Date().toISOString()}), {
    specialists: [f.team.specialist.email],
    leads: [f.team.lead.email, f.team.lead2.email],
  });
  writeLedgerRecords(f.emu.state, f.spreadsheetId, seeded);
  return seeded;
}

/** Plants one case of each signal beside a seeded workforce; returns what Findings must show. */
export function plantSignals(f: LedgerFixture, seeded: SeededLedger): PlantedSignal[] {
  const iso = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const listed = seeded.blacklist[0];
  const shared = seeded.workers.find((w) => w.status === "Active" && w.bankFingerprint);
  const vetted = {
    status: "Active" as const,
    statusSince: iso(-40),
    bankVerification: "Verified",
    screeningVerdict: "Clear",
    documentFolder: "1DocsPlanted0001",
    lastActivityAt: iso(-2),
    country: "MX",
  };
  seedWorkers(
    f.emu.state,
    f.spreadsheetId,
    [
      // An evader: a blacklisted person back under a new name with the same mailbox.
      {workerId: "W-900001", name: "New Name", ...vetted, emailKey: listed?.emailKeys ?? "x"},
      // A second account paid into an existing worker's payout account.
      {
        workerId: "W-900002",
        name: "Second Account",
        ...vetted,
        bankFingerprint: shared?.bankFingerprint ?? "fp",
        bankMasked: shared?.bankMasked ?? "•••• 0000",
      },
      // Approved 40 days ago and never vetted.
      {workerId: "W-900003", name: "Never Vetted", ...vetted, bankVerification: "", screeningVerdict: ""},
    ],
    iso(-40),
  );
  appendRecords(f.emu.state, f.spreadsheetId, DISPUTES, [
    {
      ...emptyRecord(DISPUTES),
      disputeId: "D-900001",
      workerId: "W-900003",
      category: "Payment",
      status: "Open",
      openedAt: iso(-6),
      dueAt: iso(-3),
      version: 1,
    },
  ]);
  return [
    {rule: "blacklist-match", workerId: "W-900001"},
    {rule: "shared-bank", workerId: "W-900002"},
    {rule: "vetting-incomplete", workerId: "W-900003"},
    {rule: "dispute-overdue", workerId: "W-900003"},
  ];
}
