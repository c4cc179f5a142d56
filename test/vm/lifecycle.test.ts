// Lifecycle actions in the VM: one worker per action, so the cases do not depend on each other.
import {expect} from "chai";
import {longDate} from "../../pack/core/dates";
import {addFolder, permissionIdFor} from "../../emulator/drive";
import {GMAIL_COMPOSE} from "../../emulator/gmail";
import {daysFromNow, expectUserError, tabRecords} from "../helpers/fixture";
import {outbox, read} from "../helpers/gmail";
import {setSetting} from "../helpers/ledger-rows";
import type {Row} from "../helpers/vm-cases";
import {events, expectMissingScopes, folderAccess, mailTo, vmArea, vmIt, workerRow, world} from "../helpers/vm-cases";

vmArea("lifecycle", () => {
  const PROJECT = "1VmProjectFolder0001";
  world(
    "lifecycle actions",
    {
      workers: [
        "Applicant", // W-000001 StartVetting
        "Vetting", // W-000002 ApproveWorker
        "Applicant", // W-000003 RejectApplicant
        "Active", // W-000004 SuspendWorker
        "Suspended", // W-000005 ReinstateWorker
        {state: "Active", name: "Farah Haddad", email: "farah.haddad@gmail.com"}, // W-000006 OffboardWorker
        "Active", // W-000007 ProposeBlacklist
        {state: "Proposed", name: "Hugo Blanc", email: "hugo.blanc@example.org"}, // W-000008 ApproveBlacklist
        "Proposed", // W-000009 DeclineBlacklist
        "Active", // W-000010 SendNotice (a suspension notice pending)
        "Proposed", // W-000011 refusals
        "Active", // W-000012 UpdateWorkerDetails
      ],
      then: async (f) => {
        const staff = [f.team.specialist, f.team.lead2].map((u) => ({email: u.email, role: "writer" as const}));
        addFolder(f.emu.state, "Project Atlas", f.team.lead.email, {
          id: PROJECT,
          shareWith: [
            ...staff,
            {email: "farah.haddad@gmail.com", role: "writer"},
            {email: "hugo.blanc@example.org", role: "reader"},
          ],
        });
        setSetting(f.emu.state, f.spreadsheetId, "ProjectFolders", `https://drive.google.com/drive/folders/${PROJECT}`);
        f.team.lead.scopes.delete(GMAIL_COMPOSE);
        await f.run.formula(
          "SuspendWorker",
          [f.ledger, "W-000010", "Late submissions on 3 and 4 March 2026", "CoC 2.2", daysFromNow(30)],
          f.team.lead,
        );
        f.team.lead.scopes.add(GMAIL_COMPOSE);
      },
    },
    (f) => {
      vmIt(
        f,
        "AddApplicant adds a worker with canonical keys, and refuses the same mailbox twice",
        {formulas: ["AddApplicant"]},
        async () => {
          const w = await f().run.formula<Row>(
            "AddApplicant",
            [
              f().ledger,
              "Olena Шевченко",
              "Olena.Sh+jobs@Gmail.com",
              "Ukraine",
              "050 123 4567",
              "Europe/Kyiv",
              "Referral",
            ],
            f().team.specialist,
          );
          expect(w).to.deep.include({
            WorkerId: "W-000013",
            Name: "Olena Шевченко",
            Status: "Applicant",
            Phone: "+380501234567",
            Country: "UA",
            Timezone: "Europe/Kyiv",
            Source: "Referral",
            Version: 1,
          });
          expect(workerRow(f(), "W-000013")).to.include({EmailKey: "olenash@gmail.com", Status: "Applicant"});
          expect(events(f(), "W-000013").map((e) => [e.Type, e.Actor])).to.deep.equal([
            ["ApplicantAdded", f().team.specialist.email],
            ["Screened", f().team.specialist.email],
          ]);
          await expectUserError(
            f().run.formula(
              "AddApplicant",
              [f().ledger, "Olena S", "olenash@googlemail.com", "UA"],
              f().team.specialist,
            ),
            /W-000013/,
          );
          expect(tabRecords(f(), "Workers")).to.have.length(13);
        },
      );

      vmIt(f, "StartVetting moves an Applicant into Vetting", {formulas: ["StartVetting"]}, async () => {
        const w = await f().run.formula<Row>(
          "StartVetting",
          [f().ledger, "w-1", "Documents received"],
          f().team.specialist,
        );
        expect(w).to.deep.include({
          WorkerId: "W-000001",
          Status: "Vetting",
          Version: 2,
          UpdatedBy: f().team.specialist.email,
        });
        expect(events(f(), "W-000001").at(-1)).to.include({
          Type: "VettingStarted",
          FromStatus: "Applicant",
          ToStatus: "Vetting",
          Actor: f().team.specialist.email,
        });
        expect(workerRow(f(), "W-000001")).to.include({Status: "Vetting", Version: 2});
      });

      vmIt(
        f,
        "ApproveWorker makes a worker Active and sends the Welcome notice when asked",
        {formulas: ["ApproveWorker"]},
        async () => {
          const w = await f().run.formula<Row>(
            "ApproveWorker",
            [f().ledger, "W-000002", "ID and bank verified", true],
            f().team.specialist,
          );
          expect(w).to.include({WorkerId: "W-000002", Status: "Active"});
          expect(w.PendingActions).to.equal(undefined);
          const [mail, ...more] = mailTo(f(), "worker2@example.com");
          expect(more).to.have.length(0);
          expect(mail?.from).to.equal(f().team.specialist.email);
          expect(read(mail?.mime ?? "").header("Subject")).to.equal("Welcome: your account is active");
          expect(
            events(f(), "W-000002")
              .slice(-2)
              .map((e) => e.Type),
          ).to.deep.equal(["Approved", "NoticeSent"]);
        },
      );

      vmIt(
        f,
        "RejectApplicant rejects with reason and clause, and tells the applicant",
        {formulas: ["RejectApplicant"]},
        async () => {
          const w = await f().run.formula<Row>(
            "RejectApplicant",
            [f().ledger, "W-000003", "Identity document could not be verified", "CoC 2.1"],
            f().team.specialist,
          );
          expect(w).to.include({WorkerId: "W-000003", Status: "Rejected"});
          const mail = read(mailTo(f(), "worker3@example.com")[0]?.mime ?? "");
          expect(mail.header("Subject")).to.equal("Decision on your application");
          expect(mail.text).to.include("Identity document could not be verified");
          expect(mail.text).to.include("CoC 2.1");
          expect(events(f(), "W-000003").find((e) => e.Type === "Rejected")).to.include({
            Reason: "Identity document could not be verified",
            PolicyClause: "CoC 2.1",
          });
        },
      );

      vmIt(
        f,
        "SuspendWorker suspends until a date, notifies once, and a repeated request records once",
        {formulas: ["SuspendWorker"]},
        async () => {
          const until = daysFromNow(45).toISOString().slice(0, 10);
          const params = [
            f().ledger,
            "W-000004",
            "Copied answers on 3 tasks on 2 November",
            "CoC 4.2",
            daysFromNow(45),
            "https://drive.google.com/file/d/evidence",
            undefined,
            "vm-suspend-1",
          ];
          const w = await f().run.formula<Row>("SuspendWorker", params, f().team.specialist);
          expect(w).to.include({WorkerId: "W-000004", Status: "Suspended", SuspendedUntil: until});
          expect(await f().run.formula<Row>("SuspendWorker", params, f().team.specialist)).to.deep.equal(w);
          expect(events(f(), "W-000004").filter((e) => e.Type === "Suspended")).to.have.length(1);
          const mails = mailTo(f(), "worker4@example.com");
          expect(mails.map((m) => read(m.mime).header("Subject"))).to.deep.equal([
            `Your account is suspended until ${longDate(`${until}T12:00:00Z`)}`,
          ]);
          expect(read(mails[0]?.mime ?? "").text).to.include("What happened: Copied answers on 3 tasks on 2 November");
        },
      );

      vmIt(f, "ReinstateWorker ends a suspension and tells the worker", {formulas: ["ReinstateWorker"]}, async () => {
        const w = await f().run.formula<Row>(
          "ReinstateWorker",
          [f().ledger, "W-000005", "Suspension served"],
          f().team.specialist,
        );
        expect(w).to.include({WorkerId: "W-000005", Status: "Active"});
        expect(w.SuspendedUntil).to.equal(undefined);
        expect(read(mailTo(f(), "worker5@example.com")[0]?.mime ?? "").header("Subject")).to.equal(
          "Your account is active again",
        );
        expect(events(f(), "W-000005").find((e) => e.Type === "Reinstated")).to.include({
          FromStatus: "Suspended",
          ToStatus: "Active",
        });
      });

      vmIt(
        f,
        "OffboardWorker offboards, removes the worker's Drive access to project folders and records exactly what",
        {formulas: ["OffboardWorker"]},
        async () => {
          const w = await f().run.formula<Row>(
            "OffboardWorker",
            [f().ledger, "W-000006", "Project ended; no further work planned"],
            f().team.specialist,
          );
          expect(w).to.include({WorkerId: "W-000006", Status: "Offboarded"});
          expect(w.PendingActions).to.equal(undefined);
          expect(folderAccess(f(), PROJECT)).to.not.include("farah.haddad@gmail.com:writer");
          expect(folderAccess(f(), PROJECT)).to.include("hugo.blanc@example.org:reader");
          const removed = events(f(), "W-000006").find((e) => e.Type === "AccessRemoved");
          expect(removed?.Details).to.equal(
            `Removed 1 Drive permission from W-000006: writer for farah.haddad@gmail.com on folder ${PROJECT} (permission ${permissionIdFor("farah.haddad@gmail.com")}).`,
          );
          expect(read(mailTo(f(), "farah.haddad@gmail.com")[0]?.mime ?? "").header("Subject")).to.equal(
            "Your work with us has ended",
          );
        },
      );

      vmIt(
        f,
        "ProposeBlacklist records a proposal that waits for a lead",
        {formulas: ["ProposeBlacklist"]},
        async () => {
          const w = await f().run.formula<Row>(
            "ProposeBlacklist",
            [f().ledger, "W-000007", "Operated two accounts", "CoC 1.3", "https://drive.google.com/file/d/evidence"],
            f().team.specialist,
          );
          expect(w).to.include({WorkerId: "W-000007", Status: "Active"});
          expect(w.PendingBlacklist).to.match(
            new RegExp(`^Proposed by ${f().team.specialist.email} on .+: Operated two accounts \\(CoC 1\\.3\\)$`),
          );
          // NextSteps follow the reader's role: the specialist who proposed may not approve or decline.
          expect(w.NextSteps).not.to.include.members(["ApproveBlacklist"]);
          expect(w.NextSteps).not.to.include.members(["DeclineBlacklist"]);
          expect(tabRecords(f(), "Blacklist").filter((b) => b.WorkerId === "W-000007")).to.deep.equal([]);
          expect(events(f(), "W-000007").at(-1)).to.include({
            Type: "BlacklistProposed",
            Reason: "Operated two accounts",
            PolicyClause: "CoC 1.3",
          });
        },
      );

      vmIt(
        f,
        "ApproveBlacklist blacklists the worker, lists their identity, ends their access and tells them",
        {formulas: ["ApproveBlacklist"]},
        async () => {
          const w = await f().run.formula<Row>(
            "ApproveBlacklist",
            [f().ledger, "W-000008", "Evidence reviewed"],
            f().team.lead2,
          );
          expect(w).to.include({WorkerId: "W-000008", Status: "Blacklisted"});
          expect(w.PendingBlacklist).to.equal(undefined);
          const [entry, ...more] = tabRecords(f(), "Blacklist").filter((b) => b.WorkerId === "W-000008");
          expect(more).to.have.length(0);
          expect(entry).to.include({
            Name: "Hugo Blanc",
            EmailKeys: "hugo.blanc@example.org",
            Reason: "Two accounts",
            PolicyClause: "CoC 1.3",
            ProposedBy: f().team.lead.email,
            ApprovedBy: f().team.lead2.email,
          });
          expect(folderAccess(f(), PROJECT)).to.not.include("hugo.blanc@example.org:reader");
          expect(read(mailTo(f(), "hugo.blanc@example.org")[0]?.mime ?? "").header("Subject")).to.equal(
            "Your account has been permanently closed",
          );
        },
      );

      vmIt(
        f,
        "UpdateWorkerDetails records links and notes through the log, and refuses a link that is not one",
        {formulas: ["UpdateWorkerDetails"]},
        async () => {
          const w = await f().run.formula<Row>(
            "UpdateWorkerDetails",
            [
              f().ledger,
              "W-000012",
              "https://drive.google.com/drive/u/0/folders/1DocsFolderW12abc?usp=sharing",
              "Atlas; Borealis, Atlas",
              "112233445566778899",
              undefined,
              undefined,
              "Second account suspected; watch payouts",
            ],
            f().team.specialist,
          );
          expect(w).to.include({
            WorkerId: "W-000012",
            Status: "Active",
            DocumentFolder: "https://drive.google.com/drive/folders/1DocsFolderW12abc",
            DiscordUserId: "112233445566778899",
          });
          // riskNotes appends a dated, signed note (issue 17): the note as given, after its date and author.
          expect(w.RiskNotes).to.match(
            /^\d{4}-\d{2}-\d{2} sam\.specialist@tns\.example: Second account suspected; watch payouts$/,
          );
          expect(w.Projects).to.deep.equal(["Atlas", "Borealis"]);
          expect(events(f(), "W-000012").at(-1)).to.include({
            Type: "WorkerDetailsUpdated",
            Details:
              "Updated document folder, projects, Discord user id, risk notes (a note added). Note: Second account suspected; watch payouts",
          });
          await expectUserError(
            f().run.formula("UpdateWorkerDetails", [f().ledger, "W-000012", "not a folder"], f().team.specialist),
            /is not a Google Drive folder/,
          );
          await expectUserError(
            f().run.formula("UpdateWorkerDetails", [f().ledger, "W-000012"], f().team.specialist),
            /Nothing to change for W-000012/,
          );
        },
      );

      vmIt(
        f,
        "DeclineBlacklist clears the proposal and leaves the status",
        {formulas: ["DeclineBlacklist"]},
        async () => {
          const w = await f().run.formula<Row>(
            "DeclineBlacklist",
            [f().ledger, "W-000009", "Shared bank account belongs to a spouse; documented"],
            f().team.lead2,
          );
          expect(w).to.include({WorkerId: "W-000009", Status: "Active"});
          expect(w.PendingBlacklist).to.equal(undefined);
          expect(events(f(), "W-000009").at(-1)).to.include({
            Type: "BlacklistDeclined",
            Reason: "Shared bank account belongs to a spouse; documented",
            Actor: f().team.lead2.email,
          });
          expect(workerRow(f(), "W-000009")?.PendingBlacklist).to.equal(undefined);
        },
      );

      vmIt(
        f,
        "SendNotice asks for Gmail access when it is missing, then sends the pending notice exactly once",
        {formulas: ["SendNotice"]},
        async () => {
          expect(workerRow(f(), "W-000010")?.PendingActions).to.match(/"kind":"Notice"/);
          f().team.lead.scopes.delete(GMAIL_COMPOSE);
          try {
            await expectMissingScopes(
              f().run.formula("SendNotice", [f().ledger, "W-000010", "Suspension"], f().team.lead),
              /has not allowed the pack to write and send Gmail drafts, so the Suspension notice was not sent/,
            );
          } finally {
            f().team.lead.scopes.add(GMAIL_COMPOSE);
          }
          expect(mailTo(f(), "worker10@example.com")).to.have.length(0);
          const w = await f().run.formula<Row>("SendNotice", [f().ledger, "W-000010", "Suspension"], f().team.lead);
          expect(w).to.include({WorkerId: "W-000010", Status: "Suspended"});
          expect(w.PendingActions).to.equal(undefined);
          const mails = mailTo(f(), "worker10@example.com");
          expect(mails.map((m) => [m.from, read(m.mime).header("Subject")])).to.deep.equal([
            [
              f().team.lead.email,
              `Your account is suspended until ${longDate(`${daysFromNow(30).toISOString().slice(0, 10)}T12:00:00Z`)}`,
            ],
          ]);
          expect(events(f(), "W-000010").filter((e) => e.Type === "NoticeSent")).to.have.length(1);
          await expectUserError(
            f().run.formula("SendNotice", [f().ledger, "W-000010", "Suspension"], f().team.lead),
            /W-000010 has no Suspension notice waiting to be sent/,
          );
          expect(mailTo(f(), "worker10@example.com")).to.have.length(1);
        },
      );

      vmIt(f, "refusals come out of the VM as UserVisibleErrors with their message, writing nothing", {}, async () => {
        const before = {events: events(f()).length, row: workerRow(f(), "W-000011"), mails: outbox(f()).length};
        await expectUserError(
          f().run.formula("SuspendWorker", [f().ledger, "W-000011", "x", "CoC 1.1", daysFromNow(30)], f().team.viewer),
          /needs the specialist role/,
        );
        await expectUserError(
          f().run.formula("ApproveBlacklist", [f().ledger, "W-000011"], f().team.specialist),
          /needs the lead role/,
        );
        await expectUserError(
          f().run.formula("ApproveBlacklist", [f().ledger, "W-000011"], f().team.lead),
          /proposed blacklisting W-000011, so another lead must approve it/,
        );
        await expectUserError(
          f().run.formula("StartVetting", [f().ledger, "W-000011"], f().team.outsider),
          /not on this ledger's Staff tab/,
        );
        await expectUserError(
          f().run.formula("StartVetting", [f().ledger, "W-000011"], f().team.specialist),
          /StartVetting is not allowed/,
        );
        await expectUserError(
          f().run.formula("ReinstateWorker", [f().ledger, "worker eleven"], f().team.specialist),
          /is not a worker id/,
        );
        await expectUserError(
          f().run.formula("OffboardWorker", ["https://example.com/sheet", "W-000011", "x"], f().team.specialist),
          /is not a Google Sheets URL/,
        );
        expect({events: events(f()).length, row: workerRow(f(), "W-000011"), mails: outbox(f()).length}).to.deep.equal(
          before,
        );
      });
    },
  );
});
