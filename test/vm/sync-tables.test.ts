// What a doc reads, in the VM: one world nothing writes to, one page of every sync table, and the reports.
import {expect} from "chai";
import {emailKey} from "../../pack/core/identity";
import {addDriveFile, addFolder} from "../../emulator/drive";
import {daysFromNow, expectUserError} from "../helpers/fixture";
import {deliverDisputeMail, EXAMPLE_LEDGER, openDispute, seedScheduledAudit} from "../helpers/worlds";
import type {Obj, Page} from "../helpers/vm-cases";
import {events, expectMissingScopes, vmArea, vmIt, world} from "../helpers/vm-cases";

vmArea("sync tables and reports", () => {
  const READ_DOCS = "1VmReadDocsFolder01";
  // The histories start on the Monday five weeks ago, so Trends' default window and a Summary period hold them.
  const READ_START = daysFromNow(-35);
  READ_START.setUTCDate(READ_START.getUTCDate() - ((READ_START.getUTCDay() + 6) % 7));
  const weekOf = (days: number) => new Date(READ_START.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  world(
    "sync tables and reports",
    {
      historyStart: READ_START,
      workers: [
        {
          state: "Active",
          name: "Ana Pérez",
          email: "ana.perez@gmail.com",
          phone: "55 1234 5678",
          documentFolder: READ_DOCS,
        }, // W-000001
        {state: "Suspended", name: "Bilal Khan", email: "bilal.khan@example.org", phone: "55 1234 5678"}, // W-000002 shares Ana's phone
        {state: "Applicant", name: "Chen Wei", country: "CN", timezone: "Asia/Shanghai"}, // W-000003
        {
          state: "Blacklisted",
          name: "Dara Okafor",
          email: "dara.okafor@gmail.com",
          country: "NG",
          timezone: "Africa/Lagos",
        }, // W-000004
        {state: "Proposed", name: "Eva Nowak", country: "PL", timezone: "Europe/Warsaw"}, // W-000005
        "Vetting", // W-000006
      ],
      then: async (f) => {
        await openDispute(f, "Payment"); // D-000001
        await f.run.formula("AssignDispute", [f.ledger, "D-000001", f.team.specialist.email], f.team.lead);
        await openDispute(f, "SuspensionAppeal", "W-000002"); // D-000002
        seedScheduledAudit(f, "A-7K3M9QX2A4", "W-000001"); // due 15 March 2026: overdue
        deliverDisputeMail(f, f.team.specialist.email, {
          from: "Bilal Khan <bilal.khan@example.org>",
          subject: "Appeal",
          body: "Please review my suspension.",
          messageId: "<b-1@mail.example>",
        });
        deliverDisputeMail(f, f.team.specialist.email, {
          from: "Someone <someone@elsewhere.example>",
          subject: "Question",
          body: "Who are you?",
          messageId: "<s-1@mail.example>",
        });
        addFolder(f.emu.state, "Ana documents", f.team.lead.email, {
          id: READ_DOCS,
          shareWith: [{email: f.team.specialist.email, role: "reader"}],
        });
        addDriveFile(f.emu.state, {
          name: "Passport exp 2031-05-01.pdf",
          owner: f.team.lead.email,
          parents: [READ_DOCS],
          id: "1VmPassportFile01",
        });
        addDriveFile(f.emu.state, {
          name: "Passport exp 2020-05-01.pdf",
          owner: f.team.lead.email,
          parents: [READ_DOCS],
          id: "1VmOldPassport001",
        });
      },
    },
    (f) => {
      const page = (name: string, params: unknown[], user = f().team.viewer) =>
        f().run.syncPage<Obj>(name, [f().ledger, ...params], user) as Promise<Page>;

      vmIt(
        f,
        "Workers: every worker with status and pending decisions, filtered in the pack",
        {syncTables: ["Workers"]},
        async () => {
          const all = await page("Workers", []);
          expect(all.result.map((w) => [w.WorkerId, w.Status])).to.deep.equal([
            ["W-000001", "Active"],
            ["W-000002", "Suspended"],
            ["W-000003", "Applicant"],
            ["W-000004", "Blacklisted"],
            ["W-000005", "Active"],
            ["W-000006", "Vetting"],
          ]);
          expect(all.continuation).to.equal(undefined);
          expect(all.result[0]).to.include({
            Name: "Ana Pérez",
            Phone: "+525512345678",
            Country: "MX",
            // The ledger holds the bare folder id; the schema's Url column shows it as the folder's link.
            DocumentFolder: `https://drive.google.com/drive/folders/${READ_DOCS}`,
          });
          expect(all.result[1]).to.include({SuspendedUntil: "2030-01-15"});
          expect(all.result[4]?.PendingBlacklist).to.match(
            new RegExp(`^Proposed by ${f().team.lead.email} on .+: Two accounts \\(CoC 1\\.3\\)$`),
          );
          const suspended = await page("Workers", [["suspended"], ["Mexico"]]);
          expect(suspended.result.map((w) => w.WorkerId)).to.deep.equal(["W-000002"]);
        },
      );

      vmIt(f, "DecisionLog: one worker's decisions, newest first", {syncTables: ["DecisionLog"]}, async () => {
        const log = await page("DecisionLog", ["W-000002"]);
        expect(log.result.map((e) => e.Type)).to.deep.equal([
          "DisputeOpened",
          "Suspended",
          "Approved",
          "VettingStarted",
          "ApplicantAdded",
        ]);
        expect(log.result[1]).to.include({
          WorkerId: "W-000002",
          FromStatus: "Active",
          ToStatus: "Suspended",
          Reason: "Copied answers",
          PolicyClause: "CoC 4.2",
          Summary: "W-000002 Suspended: Copied answers (CoC 4.2)",
        });
        expect(log.continuation).to.equal(undefined);
        const whole = await page("DecisionLog", []);
        expect(whole.result).to.have.length(events(f()).length);
        expect(whole.result[whole.result.length - 1]).to.include({SheetRow: 2});
      });

      vmIt(
        f,
        "Blacklist: the blacklisted identity with proposer and approving lead",
        {syncTables: ["Blacklist"]},
        async () => {
          const list = await page("Blacklist", []);
          expect(list.result).to.have.length(1);
          expect(list.result[0]).to.deep.include({
            Name: "Dara Okafor",
            WorkerId: "W-000004",
            Worker: {WorkerId: "W-000004", Name: "Dara Okafor"},
            Country: "NG",
            EmailKeys: emailKey("dara.okafor@gmail.com"),
            Reason: "Two accounts",
            PolicyClause: "CoC 1.3",
            Identifiers: "0 bank fingerprints, 0 ID fingerprints",
            ProposedBy: f().team.lead.email,
            ApprovedBy: f().team.lead2.email,
          });
          expect(list.continuation).to.equal(undefined);
        },
      );

      vmIt(
        f,
        'Disputes: every dispute, and the caller\'s own with assignee "me"',
        {syncTables: ["Disputes"]},
        async () => {
          const all = await page("Disputes", []);
          expect(all.result.map((d) => [d.DisputeId, d.WorkerId, d.Category, d.Status])).to.deep.equal([
            ["D-000001", "W-000001", "Payment", "InReview"],
            ["D-000002", "W-000002", "SuspensionAppeal", "Open"],
          ]);
          expect(all.continuation).to.equal(undefined);
          const mine = await page("Disputes", [[], "me"], f().team.specialist);
          expect(mine.result.map((d) => [d.DisputeId, d.Assignee])).to.deep.equal([
            ["D-000001", f().team.specialist.email],
          ]);
        },
      );

      vmIt(
        f,
        "DisputeEmails: the label's threads matched to workers; without Gmail access it asks for it",
        {syncTables: ["DisputeEmails"]},
        async () => {
          const threads = await page("DisputeEmails", [], f().team.specialist);
          expect(threads.result.map((t) => [t.Subject, t.WorkerId])).to.have.deep.members([
            ["Appeal", "W-000002"],
            ["Question", undefined],
          ]);
          expect(threads.result.find((t) => t.Subject === "Appeal")).to.include({Sender: "Bilal Khan", Messages: 1});
          expect(threads.continuation).to.equal(undefined);
          await expectMissingScopes(
            page("DisputeEmails", [], f().team.viewer),
            /needs more permission to list your Gmail labels/,
          );
        },
      );

      vmIt(
        f,
        "Findings: the first phase's findings and the cursor to the next phase",
        {syncTables: ["Findings"]},
        async () => {
          const first = await page("Findings", []);
          expect(first.result.map((r) => [r.Rule, r.Severity])).to.deep.equal([["shared-phone", "Review"]]);
          expect((first.result[0]?.Workers as Obj[]).map((w) => w.WorkerId)).to.deep.equal(["W-000001", "W-000002"]);
          expect(first.continuation).to.deep.equal({phase: 1, row: 2});
        },
      );

      vmIt(f, "Audits: the scheduled audit past its due date is Overdue", {syncTables: ["Audits"]}, async () => {
        const audits = await page("Audits", [["Overdue"]]);
        expect(audits.result).to.have.length(1);
        expect(audits.result[0]).to.include({
          AuditId: "A-7K3M9QX2A4",
          WorkerId: "W-000001",
          Kind: "Conduct",
          Status: "Scheduled",
          DueDate: "2026-03-15",
          Overdue: true,
        });
        expect(audits.continuation).to.equal(undefined);
      });

      vmIt(
        f,
        "WorkerDocuments: each file classified, expired ones superseded, missing ones listed",
        {syncTables: ["WorkerDocuments"]},
        async () => {
          const docs = await page("WorkerDocuments", ["W-000001"], f().team.specialist);
          expect(docs.result.map((d) => [d.DocumentId, d.Kind, d.Status])).to.deep.equal([
            ["1VmOldPassport001", "identity document", "Superseded"],
            ["1VmPassportFile01", "identity document", "Valid"],
            ["W-000001:missing:tax", "tax form", "Missing"],
            ["W-000001:missing:contract", "contract or NDA", "Missing"],
            ["W-000001:missing:bank", "bank proof", "Missing"],
          ]);
          expect(docs.result[0]?.Note).to.match(
            /^Expired on 1 May 2020\. A newer identity document \(Passport exp 2031-05-01\.pdf\) replaces it\./,
          );
          expect(docs.continuation).to.equal(undefined);
        },
      );

      vmIt(
        f,
        "Trends: the first page counts the decision log per week, metric and country",
        {syncTables: ["Trends"]},
        async () => {
          const trends = await page("Trends", []);
          expect(trends.continuation).to.deep.equal({phase: 1, row: 2});
          const total = (metric: string) =>
            trends.result.filter((t) => t.Metric === metric).reduce((n, t) => n + Number(t.Count), 0);
          expect([
            total("Applicants"),
            total("Approvals"),
            total("Suspensions"),
            total("Blacklistings"),
            total("Disputes opened"),
          ]).to.deep.equal([6, 4, 1, 1, 2]);
          // Worker n is added on day n after a Monday, approved on day n + 2: W-000005's approval and W-000004's blacklisting fall in the next week.
          const cells = (metric: string) =>
            trends.result
              .filter((t) => t.Metric === metric)
              .map((t) => `${String(t.Week)}/${String(t.Country)}/${String(t.Count)}`)
              .sort();
          expect(cells("Applicants")).to.deep.equal([
            `${weekOf(0)}/CN/1`,
            `${weekOf(0)}/MX/3`,
            `${weekOf(0)}/NG/1`,
            `${weekOf(0)}/PL/1`,
          ]);
          expect(cells("Approvals")).to.deep.equal([`${weekOf(0)}/MX/2`, `${weekOf(0)}/NG/1`, `${weekOf(7)}/PL/1`]);
          expect(cells("Blacklistings")).to.deep.equal([`${weekOf(7)}/NG/1`]);
          expect(new Set(trends.result.map((t) => t.RowId)).size).to.equal(trends.result.length);
        },
      );

      vmIt(f, "Summary: a period's decisions and the open work now", {formulas: ["Summary"]}, async () => {
        const to = new Date(READ_START.getTime() + 14 * 86_400_000);
        const s = await f().run.formula<Obj>("Summary", [f().ledger, READ_START, to], f().team.viewer);
        expect(s).to.include({
          From: READ_START.toISOString(),
          To: to.toISOString(),
          DisputesOpened: 0,
          Applicants: 6,
          Approvals: 4,
          Suspensions: 1,
          Blacklistings: 1,
          PendingBlacklistApprovals: 1,
          OpenDisputes: 2,
          ScheduledAudits: 1,
          OverdueAudits: 1,
        });
        // A blacklisting counts once, when approved (W-000004); W-000005's pending proposal is no decision yet.
        expect([...(s.TopReasons as string[])].sort()).to.deep.equal([
          "CoC 1.3: 1 (latest: Two accounts)",
          "CoC 4.2: 1 (latest: Copied answers)",
        ]);
        await expectUserError(
          f().run.formula(
            "Summary",
            [EXAMPLE_LEDGER, new Date("2026-02-01T00:00:00Z"), new Date("2026-01-01T00:00:00Z")],
            f().team.viewer,
          ),
          /must start before it ends/,
        );
      });
    },
  );
});
