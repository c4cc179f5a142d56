// `npm start` part: payout details recorded as fingerprints only, a returning person caught by
// screening under a new name and a Gmail alias, and a recruiter sheet imported twice.
import {rng, syntheticClabe, syntheticIban} from "../../test/helpers/people";
import {addSpreadsheet} from "../../test/helpers/sheet-seed";
import type {DemoContext} from "./context";

type Obj = Record<string, unknown>;

/** The clear numbers this part typed in, for the scan that proves none of them was stored or shown. */
export interface VettingSecrets {
  accounts: string[];
  idNumbers: string[];
}

export async function demoVetting(ctx: DemoContext): Promise<VettingSecrets> {
  const {run, team, ledger} = ctx;
  const r = rng(2026);
  const iban = syntheticIban(r, "DE");
  const clabe = syntheticClabe(r);
  const passport = `C${String(Math.floor(r() * 1e8)).padStart(8, "0")}`;

  const w = await run.formula<Obj>(
    "AddApplicant",
    [ledger, "Jürgen Groß", "juergen.gross.demo@gmail.com", "DE", "030 12345678", "Europe/Berlin", "Recruiter sheet"],
    team.specialist,
  );
  const id = String(w.WorkerId);
  await run.formula("StartVetting", [ledger, id], team.specialist);
  const banked = await run.formula<Obj>(
    "RecordBankDetails",
    [ledger, id, iban.toLowerCase().replace(/(.{4})/g, "$1 "), "DE", undefined, undefined, "GROSS JURGEN"],
    team.specialist,
  );
  ctx.say(
    "Vetting: payout details",
    `${id} typed as a spaced lower-case IBAN; the ledger keeps only: ${String(banked.BankScheme)} ${String(banked.BankAccount)} (${String(banked.BankCountry)}), ${String(banked.BankVerification)}`,
  );
  const screened = await run.formula<Obj>("ScreenWorker", [ledger, id], team.specialist);
  await run.formula("ApproveWorker", [ledger, id, "ID and bank verified", false], team.specialist);
  ctx.say("Vetting: screening a recorded worker", `${id}: ${String(screened.ScreeningVerdict)}`);

  // The same person comes back months later: another name order, no umlauts, a Gmail alias, the same account.
  const report = await run.formula<Obj & {Matches?: Obj[]}>(
    "ScreeningReport",
    [ledger, "Gross Juergen", "j.u.e.r.g.e.n.gross.demo+new@googlemail.com", "+49 30 12345678", "DE", iban, passport],
    team.specialist,
  );
  ctx.say(
    "Vetting: ScreeningReport for a new applicant",
    `Verdict: ${String(report.Verdict)}. ${String(report.Summary ?? "")}`,
  );
  ctx.table(report.Matches ?? [], ["Field", "Score", "WorkerId", "Source", "Explanation"]);

  // The onboarding gate. Jürgen is blacklisted; a "Juergen Gross" applies with a new address and the
  // household phone written without "+": screened Match at once, and ApproveWorker refuses.
  await run.formula(
    "RecordIdDocument",
    [ledger, id, "passport", passport, "DE", new Date("2031-05-01T00:00:00Z")],
    team.specialist,
  );
  await run.formula(
    "ProposeBlacklist",
    [
      ledger,
      id,
      "Sold access to his account to a third party",
      "CoC 1.3",
      "https://drive.google.com/file/d/demo-resale",
    ],
    team.specialist,
  );
  await run.formula("ApproveBlacklist", [ledger, id, "Evidence reviewed", false], team.lead);
  const returning = await run.formula<Obj>(
    "AddApplicant",
    [ledger, "Juergen Gross", "jg.1999.demo@example.net", "DE", "49 30 12345678", "Europe/Berlin", "Job board"],
    team.specialist,
  );
  const newId = String(returning.WorkerId);
  ctx.say(
    "Onboarding gate: screening at intake",
    `${newId} ${String(returning.Name)} added as ${String(returning.Status)}, screened ${String(returning.ScreeningVerdict)}:`,
    ...String(returning.ScreeningSummary)
      .split("\n")
      .map((l) => `   ${l}`),
    `NextSteps: ${((returning.NextSteps as string[] | undefined) ?? []).join(", ")}`,
  );
  const findings = await run.sync<Obj>("Findings", [ledger, ["Critical"], ["blacklist-match"]], team.lead);
  ctx.table(
    findings.rows.filter((x) => String(x.Title).includes(newId)),
    ["Severity", "Rule", "Title"],
  );
  await run.formula("StartVetting", [ledger, newId], team.specialist);
  const refusal = await run.formula("ApproveWorker", [ledger, newId, "Looks fine"], team.specialist).then(
    () => "approved (unexpected)",
    (err: unknown) => (err as Error).message,
  );
  ctx.say("Onboarding gate: ApproveWorker before anyone cleared the screening", `✗ refused: ${refusal}`);
  const cleared = await run.formula<Obj>(
    "ClearScreening",
    [
      ledger,
      newId,
      "Video call and passport: Jürgen's son of the same name, born 1999, living at the same address; not the blacklisted person",
    ],
    team.lead2,
  );
  const approved = await run.formula<Obj>("ApproveWorker", [ledger, newId, "", false], team.specialist);
  const approval = (await run.sync<Obj>("DecisionLog", [ledger, newId], team.viewer)).rows.find(
    (r) => r.Type === "Approved",
  );
  ctx.say(
    "Onboarding gate: a second lead clears the screening, then the approval",
    `✓ ClearScreening by ${String(cleared.ScreeningClearedBy)}`,
    `✓ ApproveWorker by ${team.specialist.email} → ${newId} ${String(approved.Status)}`,
    `   Recorded: ${String(approval?.Details ?? "")}`,
  );

  const sheet = addSpreadsheet(ctx.emu, team.specialist.email, "Recruiting pipeline — November", [
    {
      title: "Pipeline",
      rows: [
        ["Candidate", "E-mail address", "Country of residence", "Mobile", "CLABE"],
        ["Valentina Ruiz", "valentina.ruiz.demo@example.com", "Mexico", "55 2345 6789", clabe],
        ["Jurgen Gross", "juergen.gross.demo+2@gmail.com", "Germany", "", ""],
        ["Kwame Mensah", "kwame.mensah.demo@example.com", "Ghana", "024 123 4567", ""],
        ["", "no.name@example.com", "Atlantis", "", ""],
      ],
    },
  ]);
  const source = `https://docs.google.com/spreadsheets/d/${sheet}/edit`;
  const first = await run.formula<Obj>("ImportApplicants", [ledger, source], team.specialist);
  const again = await run.formula<Obj>(
    "ImportApplicants",
    [ledger, source, undefined, "second-import"],
    team.specialist,
  );
  ctx.say(
    "Vetting: ImportApplicants from a recruiter's sheet",
    `First run: ${String(first.Summary ?? JSON.stringify(first))}`,
    `Second run: ${String(again.Summary ?? JSON.stringify(again))}`,
  );
  return {accounts: [iban, clabe, iban.slice(4)], idNumbers: [passport]};
}
