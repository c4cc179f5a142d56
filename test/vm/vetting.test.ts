// Vetting actions and screening in the VM.
import {expect} from "chai";
import {bankFingerprint} from "../../pack/core/identity";
import {checkBankAccount} from "../../pack/core/banking";
import {expectUserError, ledgerKey, tabRecords} from "../helpers/fixture";
import {addRecruiterSheet} from "../helpers/worlds";
import {allText} from "../helpers/sheet-seed";
import {rng, syntheticClabe} from "../helpers/people";
import type {Obj, Row} from "../helpers/vm-cases";
import {events, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";

vmArea("vetting", () => {
  const CLABE = syntheticClabe(rng(2026));
  world(
    "vetting actions and screening",
    {
      workers: [
        {state: "Active", name: "Ana Pérez", email: "ana.perez@gmail.com", phone: "55 1234 5678"},
        {state: "Applicant", name: "Perez Ana", email: "ana.p.1990@example.org", phone: "+52 55 1234 5678"},
        {state: "Active", name: "Mario Ruiz", email: "mario.ruiz@example.org"},
      ],
      then: async (f) => {
        addRecruiterSheet(
          f,
          f.team.specialist.email,
          [
            ["E-mail Address", "Full Name", "Country of residence", "Mobile"],
            ["luis@example.org", "Luis Gómez", "Mexico", "+52 55 8765 4321"],
            ["A.NA.PEREZ+x@gmail.com", "Ana P.", "MX", ""],
            ["x@example.org", "Bad Country", "Narnia", ""],
          ],
          "1VmRecruiterSheet0000000000000000000000000",
        );
      },
    },
    (f) => {
      vmIt(
        f,
        "RecordBankDetails stores only a keyed fingerprint and the masked number",
        {formulas: ["RecordBankDetails"]},
        async () => {
          const w = await f().run.formula<Row>(
            "RecordBankDetails",
            [f().ledger, "W-000003", CLABE.replace(/(\d{4})/g, "$1 "), "Mexico", undefined, undefined, "MARIO RUIZ"],
            f().team.specialist,
          );
          expect(w).to.include({
            WorkerId: "W-000003",
            BankAccount: `•••• ${CLABE.slice(-4)}`,
            BankScheme: "CLABE",
            BankCountry: "MX",
            Status: "Active",
          });
          expect(w.BankVerification).to.equal(
            "Valid Mexican CLABE (MX). Holder name matches the worker's name (score 1.00).",
          );
          const key = ledgerKey(f());
          expect(workerRow(f(), "W-000003")?.BankFingerprint).to.equal(
            bankFingerprint(key, checkBankAccount({account: CLABE, country: "MX"}).key),
          );
          expect(allText(f().emu)).to.not.include(CLABE);
          expect(events(f(), "W-000003").at(-1)).to.include({Type: "BankDetailsRecorded"});
          await expectUserError(
            f().run.formula("RecordBankDetails", [f().ledger, "W-000003", "12", "DE"], f().team.specialist),
            /were not recorded/,
          );
        },
      );

      vmIt(f, "ScreenWorker records the verdict and the matches it found", {formulas: ["ScreenWorker"]}, async () => {
        const w = await f().run.formula<Row>("ScreenWorker", [f().ledger, "W-000002"], f().team.specialist);
        expect(w).to.include({WorkerId: "W-000002", ScreeningVerdict: "Match", Status: "Applicant"});
        expect(w.ScreenedAt).to.be.a("string");
        const screened = events(f(), "W-000002").at(-1);
        expect(screened?.Type).to.equal("Screened");
        expect(String(screened?.Details)).to.match(/^Verdict Match\.\nMatch · W-000001 Ana Pérez \(Active\): /);
        expect(String(screened?.Details)).to.include("Phone 0.90 (same E.164 number)");
        expect(w.NextSteps).to.include("ClearScreening");
      });

      vmIt(
        f,
        "ClearScreening by a lead records the clearance on the current screening",
        {formulas: ["ClearScreening", "ScreenWorker"]},
        async () => {
          await f().run.formula("ScreenWorker", [f().ledger, "W-000002"], f().team.specialist);
          await expectUserError(
            f().run.formula("ClearScreening", [f().ledger, "W-000002", "checked"], f().team.specialist),
            /needs the lead role/,
          );
          const w = await f().run.formula<Row>(
            "ClearScreening",
            [f().ledger, "W-000002", "Passport checked: a cousin sharing the family phone"],
            f().team.lead,
          );
          expect(w).to.include({
            WorkerId: "W-000002",
            ScreeningVerdict: "Match",
            ScreeningClearedBy: f().team.lead.email,
          });
          expect(events(f(), "W-000002").at(-1)).to.include({Type: "ScreeningCleared"});
        },
      );

      vmIt(
        f,
        "RecordIdDocument stores only a keyed fingerprint and a masked number",
        {formulas: ["RecordIdDocument"]},
        async () => {
          const w = await f().run.formula<Row>(
            "RecordIdDocument",
            [f().ledger, "W-000003", "passport", "K7O4-1982", "MX", new Date("2031-05-01T00:00:00Z")],
            f().team.specialist,
          );
          expect(w).to.include({WorkerId: "W-000003", IdDocument: "passport •••• 1982 (MX), expires 2031-05-01"});
          expect(allText(f().emu)).to.not.include("K7O4").and.not.include("K7041982");
          await expectUserError(
            f().run.formula(
              "RecordIdDocument",
              [f().ledger, "W-000003", "visa", "K7041982", "MX"],
              f().team.specialist,
            ),
            /is not an ID type/,
          );
        },
      );

      vmIt(
        f,
        "ScreeningReport finds the same mailbox under a Gmail alias, and informs only",
        {formulas: ["ScreeningReport"]},
        async () => {
          const before = events(f()).length;
          const report = await f().run.formula<Obj & {Matches: Obj[]}>(
            "ScreeningReport",
            [f().ledger, "Ana Perez", "A.naperez+2026@googlemail.com", "", "MX"],
            f().team.viewer,
          );
          expect(report.Verdict).to.equal("Match");
          expect(report.Matches.find((m) => m.Field === "Email")).to.include({WorkerId: "W-000001", Source: "Workers"});
          expect(report.ReportId).to.match(/^S-[0-9a-f]{12}$/);
          expect(events(f()).length).to.equal(before);
        },
      );

      vmIt(
        f,
        "ImportApplicants adds new people, skips known ones and reports problem rows; a rerun adds nobody",
        {formulas: ["ImportApplicants"]},
        async () => {
          const params = [
            f().ledger,
            "https://docs.google.com/spreadsheets/d/1VmRecruiterSheet0000000000000000000000000/edit#gid=0",
          ];
          const summary = await f().run.formula<Obj>("ImportApplicants", params, f().team.specialist);
          expect(summary).to.deep.include({
            Added: 1,
            Skipped: 1,
            Problems: 1,
            AddedWorkers: [{WorkerId: "W-000004", Name: "Luis Gómez"}],
            SkippedRows: [
              "Row 3: A.NA.PEREZ+x@gmail.com is already in the ledger as W-000001 Ana Pérez (Active) (same canonical email anaperez@gmail.com). Open that worker instead of adding a second one.",
            ],
            ProblemRows: [
              'Row 4: "Narnia" is not a country: use its two-letter ISO code (MX, IN, DE) or its English name.',
            ],
          });
          expect(workerRow(f(), "W-000004")).to.include({
            Name: "Luis Gómez",
            Phone: "+525587654321",
            Country: "MX",
            Status: "Applicant",
          });
          const again = await f().run.formula<Obj>("ImportApplicants", params, f().team.specialist);
          expect(again).to.include({Added: 0});
          expect(tabRecords(f(), "Workers")).to.have.length(4);
        },
      );
    },
  );
});
