// Audits in the VM.
import {expect} from "chai";
import {drawSample, eligibleForAudit} from "../../pack/core/audits";
import type {WorkerRecord, AuditRecord} from "../../pack/core/records";
import {addDriveFile, addFolder, DRIVE_READONLY_SCOPE} from "../../emulator/drive";
import {DRIVE_SCOPE} from "../../emulator/state";
import {expectUserError, tabRecords} from "../helpers/fixture";
import {seedScheduledAudit} from "../helpers/worlds";
import type {Obj} from "../helpers/vm-cases";
import {events, expectMissingScopes, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";

vmArea("audits", () => {
  const DOCS = "1VmDocsFolder000001";
  world(
    "audits",
    {
      workers: [
        {state: "Active", documentFolder: `https://drive.google.com/drive/folders/${DOCS}`},
        "Active",
        {state: "Active", country: "IN", timezone: "Asia/Kolkata"},
        {state: "Active", projects: "Borealis"},
        "Applicant",
        {state: "Applicant", documentFolder: DOCS}, // W-000006: audited only without Drive access
      ],
      then: async (f) => {
        seedScheduledAudit(f, "A-7K3M9QX2A4", "W-000002");
        addFolder(f.emu.state, "Ana documents", f.team.lead.email, {
          id: DOCS,
          shareWith: [{email: f.team.specialist.email, role: "reader"}],
        });
        addDriveFile(f.emu.state, {name: "Passport exp 2031-05-01.pdf", owner: f.team.lead.email, parents: [DOCS]});
        addDriveFile(f.emu.state, {name: "W-8BEN.pdf", owner: f.team.lead.email, parents: [DOCS]});
      },
    },
    (f) => {
      vmIt(
        f,
        "ScheduleAudits draws a reproducible stratified sample of eligible Active workers",
        {formulas: ["ScheduleAudits"]},
        async () => {
          const result = await f().run.formula<Obj & {Seed: string; Audits: Array<{AuditId: string}>}>(
            "ScheduleAudits",
            [f().ledger, 2, 30],
            f().team.specialist,
          );
          expect(result).to.include({Drawn: 2, Eligible: 3});
          expect(result.Seed).to.match(/^[0-9a-f]{16}$/);
          const audits = tabRecords(f(), "Audits").filter((a) => a.SampleSeed === result.Seed);
          expect(audits.map((a) => a.AuditId)).to.deep.equal(result.Audits.map((a) => a.AuditId));
          expect(audits.every((a) => a.Status === "Scheduled" && a.Kind === "Conduct")).to.equal(true);
          // The seed reproduces the draw: the same workers come out of the pack's own sampler.
          const workers = tabRecords(f(), "Workers").map((w) => ({
            workerId: String(w.WorkerId),
            status: w.Status,
            country: String(w.Country),
            projects: String(w.Projects ?? ""),
          })) as Array<Pick<WorkerRecord, "workerId" | "status" | "country" | "projects">>;
          const existing = [
            {
              workerId: "W-000002",
              kind: "Conduct",
              status: "Scheduled",
              scheduledAt: "2026-03-01T00:00:00.000Z",
              completedAt: "",
            },
          ] as Array<Pick<AuditRecord, "workerId" | "kind" | "status" | "scheduledAt" | "completedAt">>;
          const eligible = eligibleForAudit(workers, existing, 30, new Date().toISOString());
          expect(eligible.map((c) => c.workerId)).to.deep.equal(["W-000001", "W-000003", "W-000004"]);
          expect(audits.map((a) => a.WorkerId)).to.have.members(
            drawSample(eligible, 2, result.Seed).picked.map((c) => c.workerId),
          );
          expect(events(f()).filter((e) => e.Type === "AuditScheduled")).to.have.length(2);
        },
      );

      vmIt(
        f,
        "RecordAudit records a failure and suggests the next step without taking it",
        {formulas: ["RecordAudit"]},
        async () => {
          await expectUserError(
            f().run.formula("RecordAudit", [f().ledger, "A-7K3M9QX2A4", "Failed", ""], f().team.specialist),
            /findings/i,
          );
          const a = await f().run.formula<Obj>(
            "RecordAudit",
            [
              f().ledger,
              "A-7K3M9QX2A4",
              "Failed",
              "Copied answers in 4 of 20 sampled tasks (12–14 March)",
              "https://drive.google.com/file/d/evidence",
            ],
            f().team.specialist,
          );
          expect(a).to.include({
            AuditId: "A-7K3M9QX2A4",
            WorkerId: "W-000002",
            Status: "Failed",
            SuggestedStep: "SuspendWorker",
            Auditor: f().team.specialist.email,
          });
          expect(tabRecords(f(), "Audits").find((x) => x.AuditId === "A-7K3M9QX2A4")).to.include({
            Status: "Failed",
            Findings: "Copied answers in 4 of 20 sampled tasks (12–14 March)",
          });
          expect(workerRow(f(), "W-000002")?.Status).to.equal("Active");
          expect(events(f(), "W-000002").at(-1)).to.include({Type: "AuditRecorded"});
        },
      );

      vmIt(
        f,
        "AuditDocuments reads the worker's Drive folder and records what is missing",
        {formulas: ["AuditDocuments"]},
        async () => {
          const a = await f().run.formula<Obj>("AuditDocuments", [f().ledger, "W-000001"], f().team.specialist);
          expect(a).to.include({
            WorkerId: "W-000001",
            Kind: "Documentation",
            Status: "Failed",
            Missing: "contract or NDA; bank proof",
            DocumentsExpireOn: "2031-05-01",
            Evidence: `https://drive.google.com/drive/folders/${DOCS}`,
          });
          expect(events(f(), "W-000001").at(-1)).to.include({
            Type: "DocumentationAudited",
            Reason: "Missing: contract or NDA; bank proof",
          });
        },
      );

      vmIt(
        f,
        "without Drive access AuditDocuments asks for it from inside the VM and records nothing",
        {},
        async () => {
          const before = tabRecords(f(), "Audits").length;
          const user = f().team.specialist;
          user.scopes.delete(DRIVE_READONLY_SCOPE);
          user.scopes.delete(DRIVE_SCOPE);
          try {
            await expectMissingScopes(
              f().run.formula("AuditDocuments", [f().ledger, "W-000006"], user),
              /needs more permission to open W-000006's document folder/,
            );
          } finally {
            user.scopes.add(DRIVE_READONLY_SCOPE);
            user.scopes.add(DRIVE_SCOPE);
          }
          expect(tabRecords(f(), "Audits")).to.have.length(before);
        },
      );
    },
  );
});
