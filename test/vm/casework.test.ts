// Issue 17's steps in the VM: warnings, extensions, lifting a blacklisting, re-applying, notes, bulk steps.
import {expect} from "chai";
import {daysFromNow, expectUserError, tabRecords} from "../helpers/fixture";
import {outbox, read} from "../helpers/gmail";
import type {Row} from "../helpers/vm-cases";
import {vmArea, vmIt, world} from "../helpers/vm-cases";
import {driveStore} from "../../emulator/drive";

type Summary = {Done: number; Refused: Array<{WorkerId: string; Rule: string}>; Remaining: string[]};

vmArea("casework", () => {
  world(
    "warnings, lifts, re-applying and bulk steps",
    {
      workers: [
        "Active", // W-000001 IssueWarning, AddNote
        "Suspended", // W-000002 ExtendSuspension
        "Blacklisted", // W-000003 ProposeLiftBlacklist, ApproveLiftBlacklist
        "Offboarded", // W-000004 Reapply
        "Active", // W-000005 OffboardWorkers
        "Blacklisted", // W-000006 OffboardWorkers refused
        "Active", // W-000007 SuspendWorkers
      ],
    },
    (f) => {
      vmIt(
        f,
        "IssueWarning counts a strike and sends the Warning notice; AddNote records a note",
        {formulas: ["IssueWarning", "AddNote"]},
        async () => {
          const w = await f().run.formula<Row>(
            "IssueWarning",
            [f().ledger, "W-000001", "Missed deadlines on 3 tasks on 2 November", "CoC 4.2"],
            f().team.specialist,
          );
          expect(w).to.deep.include({Status: "Active", ActiveStrikes: 1});
          expect(read(outbox(f()).at(-1)?.mime ?? "").header("Subject")).to.equal("A formal warning about your work");
          const noted = await f().run.formula<Row>(
            "AddNote",
            [f().ledger, "W-000001", "Called on 2 December"],
            f().team.specialist,
          );
          expect(noted.Status).to.equal("Active");
          expect(
            tabRecords(f(), "Events")
              .filter((e) => e.Type === "NoteAdded")
              .map((e) => e.Details),
          ).to.deep.equal(["Called on 2 December"]);
        },
      );

      vmIt(f, "WorkerFile returns the worker and a timeline, newest first", {formulas: ["WorkerFile"]}, async () => {
        const file = await f().run.formula<{WorkerId: string; Timeline: Array<{Kind: string; Time: string}>}>(
          "WorkerFile",
          [f().ledger, "W-000002"],
          f().team.lead,
        );
        expect(file.WorkerId).to.equal("W-000002");
        expect(file.Timeline.map((e) => e.Kind).slice(-1)).to.deep.equal(["Decision"]);
        const times = file.Timeline.map((e) => Date.parse(e.Time));
        expect([...times].sort((a, b) => b - a)).to.deep.equal(times);
      });

      vmIt(
        f,
        "ExportWorkerData writes a Google Doc and a JSON copy through a multipart upload, and returns the Doc's link",
        {formulas: ["ExportWorkerData"]},
        async () => {
          const link = await f().run.formula<string>("ExportWorkerData", [f().ledger, "W-000002"], f().team.lead);
          expect(link).to.match(/^https:\/\/docs\.google\.com\/document\/d\/[\w-]+\/edit\?usp=drivesdk$/);
          const files = [...driveStore(f().emu.state).files.values()].filter(
            (d) => d.appProperties.tnsExport === "W-000002",
          );
          expect(files.map((d) => d.mimeType)).to.deep.equal([
            "application/vnd.google-apps.document",
            "application/json",
          ]);
          // The multipart body survived the VM's fetcher intact: the JSON copy parses and names the worker.
          expect((JSON.parse(files[1]?.content ?? "{}") as {workerId?: string}).workerId).to.equal("W-000002");
          expect(files[0]?.content).to.include(
            "<h1>Everything the Trust &amp; Safety team holds about account W-000002</h1>",
          );
          expect(tabRecords(f(), "Events").filter((e) => e.Type === "DataExported")).to.have.length(1);
        },
      );

      vmIt(f, "ExtendSuspension moves the end later", {formulas: ["ExtendSuspension"]}, async () => {
        const w = await f().run.formula<Row>(
          "ExtendSuspension",
          [f().ledger, "W-000002", daysFromNow(2000), "More found on 20 November", false],
          f().team.specialist,
        );
        expect(w).to.deep.include({
          SuspensionKind: "Fixed",
          SuspendedUntil: daysFromNow(2000).toISOString().slice(0, 10),
        });
      });

      vmIt(f, "a lift needs a second lead", {formulas: ["ProposeLiftBlacklist", "ApproveLiftBlacklist"]}, async () => {
        await f().run.formula("ProposeLiftBlacklist", [f().ledger, "W-000003", "Appeal upheld"], f().team.lead);
        await expectUserError(
          f().run.formula("ApproveLiftBlacklist", [f().ledger, "W-000003"], f().team.lead),
          /rule: four-eyes/,
        );
        const w = await f().run.formula<Row>(
          "ApproveLiftBlacklist",
          [f().ledger, "W-000003", "", false],
          f().team.lead2,
        );
        expect(w.Status).to.equal("Active");
        expect(tabRecords(f(), "Blacklist").find((b) => b.WorkerId === "W-000003")?.LiftedBy).to.equal(
          f().team.lead2.email,
        );
      });

      vmIt(f, "Reapply makes an Offboarded worker an Applicant again", {formulas: ["Reapply"]}, async () => {
        const w = await f().run.formula<Row>("Reapply", [f().ledger, "W-000004"], f().team.specialist);
        expect(w.Status).to.equal("Applicant");
      });

      vmIt(f, "bulk steps report each worker", {formulas: ["OffboardWorkers", "SuspendWorkers"]}, async () => {
        const off = await f().run.formula<Summary>(
          "OffboardWorkers",
          [f().ledger, ["W-000005", "W-000006"], "Project ended", false],
          f().team.specialist,
        );
        expect(off.Done).to.equal(1);
        expect(off.Refused.map((r) => [r.WorkerId, r.Rule])).to.deep.equal([["W-000006", "transition"]]);
        const sus = await f().run.formula<Summary>(
          "SuspendWorkers",
          [f().ledger, ["W-000007"], "Shared answers on 28 November", "CoC 4.2", undefined, "", false],
          f().team.specialist,
        );
        expect(sus).to.deep.include({Done: 1, Remaining: []});
      });
    },
  );
});
