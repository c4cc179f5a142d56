// The pack-level suite against the BUILT bundle in isolated-vm (run `npm run build` first): every
// formula, every action and one page of every sync table, each in a world prepared for it, with the
// same fetcher to the emulator. Worlds are built in plain Node (fast); only the cases run in the VM.
// A formula or sync table in build/metadata.json without a case here fails the coverage check.
import {expect} from "chai";
import * as coda from "@codahq/packs-sdk";
import {existsSync, readFileSync} from "node:fs";
import * as path from "node:path";
import {pack} from "../../pack/pack";
import {bankFingerprint, emailKey} from "../../pack/core/identity";
import {checkBankAccount} from "../../pack/core/banking";
import {drawSample, eligibleForAudit} from "../../pack/core/audits";
import {dueAfterBusinessDays} from "../../pack/core/sla";
import {longDate} from "../../pack/core/dates";
import type {WorkerRecord, AuditRecord} from "../../pack/core/records";
import {driveStore, addDriveFile, addFolder, DRIVE_READONLY_SCOPE, permissionIdFor} from "../../emulator/drive";
import {GMAIL_READONLY, GMAIL_SEND} from "../../emulator/gmail";
import {DRIVE_SCOPE} from "../../emulator/state";
import type {LedgerFixture} from "../helpers/fixture";
import {daysFromNow, expectUserError, failureOf, tabRecords} from "../helpers/fixture";
import {outbox, read} from "../helpers/gmail";
import type {PackError} from "../helpers/runner";
import {BUNDLE_PATH, PackRunner} from "../helpers/runner";
import type {VmStats} from "../helpers/vm";
import type {WorldSpec} from "../helpers/worlds";
import {
  addRecruiterSheet,
  buildWorld,
  deliverDisputeMail,
  EXAMPLE_LEDGER,
  openDispute,
  seedScheduledAudit,
} from "../helpers/worlds";
import {allText} from "../helpers/sheet-seed";
import {setSetting} from "../helpers/ledger-rows";
import {rng, syntheticClabe} from "../helpers/people";

type Obj = Record<string, unknown>;
type Row = Obj & {WorkerId: string; Status: string};
type Page = {result: Obj[]; continuation?: coda.Continuation};

const METADATA_PATH = path.resolve(path.dirname(BUNDLE_PATH), "metadata.json");

// ---------- coverage bookkeeping ----------

/** What the cases below run in the VM, collected while mocha loads this file (before any test runs). */
const declared = {formulas: new Set<string>(), syncTables: new Set<string>()};
/** Every VM execution of the suite, for the timing line. */
const executions: Array<VmStats & {name: string}> = [];

interface Covers {
  formulas?: string[];
  syncTables?: string[];
}

/**
 * A case that runs `covers` in the VM: registered for the coverage check, and failing unless each
 * name completed at least one execution in the VM during the case.
 */
function vmIt(world: () => LedgerFixture, title: string, covers: Covers, body: () => Promise<void>): void {
  const names = [...(covers.formulas ?? []), ...(covers.syncTables ?? [])];
  covers.formulas?.forEach((n) => declared.formulas.add(n));
  covers.syncTables?.forEach((n) => declared.syncTables.add(n));
  it(title, async () => {
    const run = world().run;
    expect(run.options.mode).to.equal("vm");
    const from = run.vmStats.length;
    await body();
    const ran = new Set(run.vmStats.slice(from).map((s) => s.name));
    expect(
      names.filter((n) => !ran.has(n)),
      `${title}: declared but never completed in the VM`,
    ).to.deep.equal([]);
  });
}

/** A world built once for the cases `define` declares; its runner executes the built bundle in the VM. */
function world(title: string, spec: WorldSpec, define: (f: () => LedgerFixture) => void): void {
  describe(title, function () {
    let fixture: LedgerFixture | undefined;
    before(async () => {
      fixture = await buildWorld(spec, {mode: "vm"});
    });
    after(async () => {
      if (fixture) {
        executions.push(...fixture.run.vmStats);
        await fixture.close();
      }
    });
    define(() => {
      if (!fixture) {
        throw new Error(`world "${title}" was not built`);
      }
      return fixture;
    });
  });
}

// ---------- small readers ----------

const events = (f: LedgerFixture, workerId?: string) =>
  tabRecords(f, "Events").filter((e) => !workerId || e.WorkerId === workerId);
const workerRow = (f: LedgerFixture, workerId: string) => tabRecords(f, "Workers").find((w) => w.WorkerId === workerId);
const mailTo = (f: LedgerFixture, email: string) =>
  outbox(f).filter((s) => read(s.mime).header("To").toLowerCase().includes(email.toLowerCase()));
const folderAccess = (f: LedgerFixture, folderId: string) =>
  driveStore(f.emu.state)
    .files.get(folderId)
    ?.permissions.map((p) => `${p.emailAddress}:${p.role}`)
    .sort();

/** Awaits a call that must fail for Coda to ask for more OAuth scopes (not a UserVisibleError). */
async function expectMissingScopes(call: Promise<unknown>, message: RegExp): Promise<PackError> {
  const err = await failureOf(call);
  expect(err.name, `${err.name}: ${err.message}`).to.equal("MissingScopesError");
  expect(coda.MissingScopesError.isMissingScopesError(err)).to.equal(true);
  expect(err.isUserVisible).to.not.equal(true);
  expect(err.message).to.match(message);
  return err;
}

// ---------- the suite ----------

describe("every formula, action and sync table from the built bundle in isolated-vm", function () {
  this.timeout(120_000);
  let started = 0;

  before(function () {
    started = Date.now();
    if (!existsSync(BUNDLE_PATH) || !existsSync(METADATA_PATH)) {
      throw new Error(`${BUNDLE_PATH} or its metadata.json is missing: run npm run build first (npm test does).`);
    }
  });

  after(() => {
    const n = executions.length;
    const mean = (pick: (s: VmStats) => number) => (n ? executions.reduce((t, s) => t + pick(s), 0) / n : 0);
    console.log(
      `      VM suite: ${n} executions in ${((Date.now() - started) / 1000).toFixed(1)} s; per execution: isolate and bundle ${mean((s) => s.setupMs).toFixed(0)} ms, wall ${mean((s) => s.wallMs).toFixed(0)} ms, pack CPU ${mean((s) => s.cpuMs).toFixed(0)} ms`,
    );
  });

  describe("coverage", () => {
    const metadata = () =>
      JSON.parse(readFileSync(METADATA_PATH, "utf8")) as {
        formulas: Array<{name: string}>;
        syncTables: Array<{name: string}>;
      };

    it("has a VM case for every formula, action and sync table in build/metadata.json", () => {
      const m = metadata();
      const missing = [
        ...m.formulas.map((x) => x.name).filter((n) => !declared.formulas.has(n)),
        ...m.syncTables
          .map((x) => x.name)
          .filter((n) => !declared.syncTables.has(n))
          .map((n) => `sync table ${n}`),
      ].map((n) => `no VM case for ${n}`);
      expect(missing, missing.join("; ")).to.deep.equal([]);
      const stale = [
        ...[...declared.formulas].filter((n) => !m.formulas.some((x) => x.name === n)),
        ...[...declared.syncTables].filter((n) => !m.syncTables.some((x) => x.name === n)),
      ];
      expect(stale, "VM cases for names the pack does not have").to.deep.equal([]);
    });

    it("runs a bundle built from the current source", () => {
      const m = metadata();
      expect(m.formulas.map((x) => x.name).sort(), "build/ is stale: run npm run build").to.deep.equal(
        pack.formulas.map((x) => x.name).sort(),
      );
      expect(m.syncTables.map((x) => x.name).sort(), "build/ is stale: run npm run build").to.deep.equal(
        pack.syncTables.map((x) => x.name).sort(),
      );
    });
  });

  // ---------- pure formulas: the documented examples, and the same answers as plain Node ----------

  world("pure formulas", {workers: []}, (f) => {
    const pure = ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone", "DisputeDueDate", "NoticePreview"];
    vmIt(f, "give exactly their documented examples", {formulas: pure}, async () => {
      for (const name of pure) {
        const formula = pack.formulas.find((x) => x.name === name);
        expect(formula?.examples?.length, name).to.be.greaterThan(0);
        for (const example of formula?.examples ?? []) {
          expect(
            await f().run.formula(name, example.params as unknown[], f().team.viewer),
            `${name}(${JSON.stringify(example.params)})`,
          ).to.deep.equal(example.result);
        }
      }
    });

    vmIt(
      f,
      "DisputeDueDate counts business days across daylight-saving changes in the time zone",
      {formulas: ["DisputeDueDate"]},
      async () => {
        const due = (openedAt: string, timezone: string, holidays?: string[], days?: number) =>
          f().run.formula<string>(
            "DisputeDueDate",
            [new Date(openedAt), "Payment", timezone, holidays, days],
            f().team.viewer,
          );
        // Berlin leaves summer time on Sunday 25 October 2026: Tuesday ends at 23:59:59.999 CET.
        expect(await due("2026-10-23T10:00:00Z", "Europe/Berlin")).to.equal("2026-10-27T22:59:59.999Z");
        // New York enters summer time on Sunday 8 March 2026: Tuesday ends at 23:59:59.999 EDT.
        expect(await due("2026-03-06T20:00:00Z", "America/New_York")).to.equal("2026-03-11T03:59:59.999Z");
        // Friday evening in Kolkata is already Saturday there; a holiday on Monday pushes past it.
        expect(await due("2026-01-09T20:00:00Z", "Asia/Kolkata", ["2026-01-12"], 1)).to.equal(
          "2026-01-13T18:29:59.999Z",
        );
        await expectUserError(due("2026-01-09T20:00:00Z", "Mars/Olympus"), /"Mars\/Olympus" is not a time zone/);
      },
    );

    vmIt(
      f,
      "answer as plain Node does for inputs beyond the examples",
      {formulas: ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone", "NoticePreview"]},
      async () => {
        const node = new PackRunner({emulator: f().emu, mode: "node", timezone: f().run.options.timezone});
        const cases: Array<[string, unknown[]]> = [
          ["BankAccountCheck", [syntheticClabe(rng(11)), "MX"]],
          ["BankAccountCheck", ["12345678", "GB", "60-16-13"]],
          ["NormalizedEmail", ["Ana.Maria+Jobs@GoogleMail.com"]],
          ["NormalizedPhone", ["+380 50 123 4567"]],
          ["NormalizedPhone", ["0803 123 4567", "Nigeria"]],
          [
            "NoticePreview",
            [
              "Suspension",
              "Łukasz Żółć",
              "Copied answers on 2 March 2026",
              "CoC 4.2",
              new Date("2026-04-01T00:00:00Z"),
              30,
              new Date("2026-03-03T23:30:00Z"),
              "Pacific/Chatham",
            ],
          ],
          [
            "NoticePreview",
            [
              "Blacklist",
              "أحمد حسن",
              "Two accounts with one bank account",
              "CoC 1.3",
              undefined,
              undefined,
              new Date("2026-10-25T01:30:00Z"),
              "Europe/London",
            ],
          ],
        ];
        for (const [name, params] of cases) {
          const inVm = await f().run.formula(name, params, f().team.viewer);
          expect(inVm, `${name}(${JSON.stringify(params)})`).to.deep.equal(
            await node.formula(name, params, f().team.viewer),
          );
        }
        const preview = await f().run.formula<{Subject: string; Text: string}>(
          "NoticePreview",
          cases[5]?.[1] ?? [],
          f().team.viewer,
        );
        expect(preview.Subject).to.equal(`Your account is suspended until ${longDate("2026-04-01T12:00:00Z")}`);
        expect(preview.Text).to.include("Dear Łukasz Żółć,");
        expect(preview.Text).to.include("Code of Conduct clause: CoC 4.2.");
        expect(preview.Text).to.include("(30 days from the decision)");
        await expectUserError(
          f().run.formula("NormalizedEmail", ["not an email"], f().team.viewer),
          /is not an email address/,
        );
      },
    );
  });

  // ---------- the ledger's own actions ----------

  world("ledger administration", {workers: ["Active", "Active"]}, (f) => {
    vmIt(f, "CreateLedger makes a whole ledger in the caller's Drive", {formulas: ["CreateLedger"]}, async () => {
      const url = await f().run.formula<string>("CreateLedger", ["Ledger (VM)"], f().team.lead2);
      const id = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([\w-]+)\/edit$/.exec(url)?.[1] ?? "";
      const book = f().emu.state.spreadsheets.get(id);
      expect(book?.properties.title).to.equal("Ledger (VM)");
      expect(book?.permissions.get(f().team.lead2.email)).to.equal("owner");
      expect(book?.sheets.map((s) => s.properties.title)).to.include.members([
        "Workers",
        "Events",
        "Blacklist",
        "Audits",
        "Disputes",
        "Staff",
        "Settings",
      ]);
      const tab = (title: string) => book?.sheets.find((s) => s.properties.title === title);
      expect(tab("Events")?.protectedRanges.map((p) => p.warningOnly)).to.deep.equal([true]);
      const staff = tab("Staff")?.rows.slice(1) ?? [];
      expect(staff.map((r) => [r?.[0], r?.[1]])).to.deep.equal([[f().team.lead2.email, "lead"]]);
      const key = String(tab("Settings")?.rows.find((r) => r?.[0] === "FingerprintKey")?.[1] ?? "");
      expect(key).to.match(/^[0-9a-f]{64}$/);
      // A different ledger's key: fresh randomness from inside the isolate.
      expect(key).to.not.equal(tabRecords(f(), "Settings").find((s) => s.Key === "FingerprintKey")?.Value);
    });

    vmIt(
      f,
      "AddStaff adds a member (leads only) and the Staff sync table lists every member",
      {formulas: ["AddStaff"], syncTables: ["Staff"]},
      async () => {
        const added = await f().run.formula<Obj>(
          "AddStaff",
          [f().ledger, "Nia.New@TNS.example", "specialist"],
          f().team.lead,
        );
        expect(added).to.include({Email: "nia.new@tns.example", Role: "specialist", AddedBy: f().team.lead.email});
        expect(tabRecords(f(), "Staff").find((s) => s.Email === "nia.new@tns.example")).to.include({
          Role: "specialist",
        });
        await expectUserError(
          f().run.formula("AddStaff", [f().ledger, "x@tns.example", "lead"], f().team.specialist),
          /needs the lead role/,
        );
        const page = await f().run.syncPage<Obj>("Staff", [f().ledger], f().team.viewer);
        expect(page.result.map((s) => [s.Email, s.Role])).to.deep.equal([
          [f().team.lead.email, "lead"],
          [f().team.lead2.email, "lead"],
          [f().team.specialist.email, "specialist"],
          [f().team.viewer.email, "viewer"],
          ["nia.new@tns.example", "specialist"],
        ]);
        expect(page.continuation).to.equal(undefined);
      },
    );

    vmIt(
      f,
      "RepairLedger rewrites a hand-edited Workers row from the log and records the repair",
      {formulas: ["RepairLedger"]},
      async () => {
        const sheet = f()
          .emu.state.spreadsheets.get(f().spreadsheetId)
          ?.sheets.find((s) => s.properties.title === "Workers");
        const header = sheet?.rows[0] ?? [];
        const row = sheet?.rows[2] as unknown[];
        row[header.indexOf("Status")] = "Suspended";
        row[header.indexOf("Name")] = '=HYPERLINK("x")';
        const report = await f().run.formula<Obj & {Fixed: string[]; EventId: string}>(
          "RepairLedger",
          [f().ledger],
          f().team.lead,
        );
        expect(report).to.deep.include({
          Checked: 2,
          AddedBack: [],
          LeftAlone: [],
          NotRepaired: [],
          TabsCreated: [],
          HeadersRestored: [],
        });
        expect(report.Fixed).to.deep.equal([
          'W-000002 (sheet row 3): name: =HYPERLINK("x") → Bilal Khan; status: Suspended → Active',
        ]);
        expect(workerRow(f(), "W-000002")).to.include({Name: "Bilal Khan", Status: "Active"});
        expect(events(f()).at(-1)).to.include({
          Type: "LedgerRepaired",
          Actor: f().team.lead.email,
          EventId: report.EventId,
        });
      },
    );
  });

  // ---------- lifecycle: one worker per action, so the cases do not depend on each other ----------

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
        f.team.lead.scopes.delete(GMAIL_SEND);
        await f.run.formula(
          "SuspendWorker",
          [f.ledger, "W-000010", "Late submissions on 3 and 4 March 2026", "CoC 2.2", daysFromNow(30)],
          f.team.lead,
        );
        f.team.lead.scopes.add(GMAIL_SEND);
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
          expect(w.NextSteps).to.include.members(["ApproveBlacklist", "DeclineBlacklist"]);
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
            RiskNotes: "Second account suspected; watch payouts",
          });
          expect(w.Projects).to.deep.equal(["Atlas", "Borealis"]);
          expect(events(f(), "W-000012").at(-1)).to.include({
            Type: "WorkerDetailsUpdated",
            Details: "Updated document folder, projects, Discord user id, risk notes.",
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
          f().team.lead.scopes.delete(GMAIL_SEND);
          try {
            await expectMissingScopes(
              f().run.formula("SendNotice", [f().ledger, "W-000010", "Suspension"], f().team.lead),
              /has not allowed the pack to send and read Gmail, so the Suspension notice was not sent/,
            );
          } finally {
            f().team.lead.scopes.add(GMAIL_SEND);
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

  // ---------- vetting ----------

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
          const key = String(tabRecords(f(), "Settings").find((s) => s.Key === "FingerprintKey")?.Value);
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
              "Row 3: A.NA.PEREZ+x@gmail.com is already in the ledger as W-000001 Ana Pérez (same canonical email anaperez@gmail.com).",
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

  // ---------- disputes ----------

  let bilalThread = "";
  world(
    "disputes",
    {
      workers: [
        "Suspended",
        {state: "Active", name: "Bilal Khan", email: "bilal.khan@gmail.com", country: "PK", timezone: "Asia/Karachi"},
      ],
      then: async (f) => {
        await openDispute(f, "Payment"); // D-000001: to assign
        await openDispute(f, "SuspensionAppeal"); // D-000002: to resolve
        await openDispute(f, "QualityRating", "W-000002"); // D-000003: to close
        await f.run.formula(
          "ResolveDispute",
          [f.ledger, "D-000003", "Rejected", "The ratings of 5 January were checked twice.", false],
          f.team.lead,
        );
        bilalThread = deliverDisputeMail(f, f.team.specialist.email, {
          from: "Bilal Khan <Bilal.Khan@gmail.com>",
          subject: "Payment for week 2",
          body: "Week 2 was not paid.",
          messageId: "<bilal-1@mail.example>",
        });
      },
    },
    (f) => {
      const nextDisputeId = () => `D-${String(tabRecords(f(), "Disputes").length + 1).padStart(6, "0")}`;

      vmIt(
        f,
        "OpenDispute opens a dispute due in business days of the worker's zone and acknowledges it",
        {formulas: ["OpenDispute"]},
        async () => {
          const id = nextDisputeId();
          const d = await f().run.formula<Obj>(
            "OpenDispute",
            [
              f().ledger,
              "W-000002",
              "Payment",
              "Payout for week 2 missing",
              "https://acme.zendesk.com/agent/tickets/4512",
              true,
            ],
            f().team.specialist,
          );
          expect(d).to.include({
            DisputeId: id,
            WorkerId: "W-000002",
            Category: "Payment",
            Channel: "Zendesk",
            Status: "Open",
            ZendeskTicketUrl: "https://acme.zendesk.com/agent/tickets/4512",
          });
          expect(d.DueAt).to.equal(dueAfterBusinessDays(String(d.OpenedAt), 2, "Asia/Karachi"));
          const [ack, ...more] = mailTo(f(), "bilal.khan@gmail.com");
          expect(more).to.have.length(0);
          expect(read(ack?.mime ?? "").header("Subject")).to.match(new RegExp(`^We received your .*\\(${id}\\)$`));
          expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === id)).to.include({
            Status: "Open",
            WorkerId: "W-000002",
          });
        },
      );

      vmIt(
        f,
        "FlagDispute opens a dispute from the worker's Gmail thread and replies in it",
        {formulas: ["FlagDispute"]},
        async () => {
          const id = nextDisputeId();
          const threadId = bilalThread;
          const d = await f().run.formula<Obj>(
            "FlagDispute",
            [f().ledger, threadId, "Payment", "", true],
            f().team.specialist,
          );
          expect(d).to.include({
            DisputeId: id,
            WorkerId: "W-000002",
            Category: "Payment",
            Channel: "Email",
            ThreadId: threadId,
            Status: "Open",
          });
          const reply = outbox(f()).filter((s) => s.threadId === threadId);
          expect(reply).to.have.length(1);
          expect(read(reply[0]?.mime ?? "").header("In-Reply-To")).to.equal("<bilal-1@mail.example>");
        },
      );

      vmIt(
        f,
        "AssignDispute assigns to the caller and moves the dispute to InReview",
        {formulas: ["AssignDispute"]},
        async () => {
          const d = await f().run.formula<Obj>("AssignDispute", [f().ledger, "d-1", "me"], f().team.specialist);
          expect(d).to.include({DisputeId: "D-000001", Assignee: f().team.specialist.email, Status: "InReview"});
          expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === "D-000001")).to.include({
            Status: "InReview",
            Assignee: f().team.specialist.email,
          });
          expect(events(f(), "W-000001").at(-1)).to.include({Type: "DisputeAssigned"});
        },
      );

      vmIt(
        f,
        "ResolveDispute upholds an appeal, names the reversal without taking it, and tells the worker",
        {formulas: ["ResolveDispute"]},
        async () => {
          const d = await f().run.formula<Obj>(
            "ResolveDispute",
            [f().ledger, "D-000002", "Upheld", "The flagged answers of 2 November were the worker's own."],
            f().team.lead,
          );
          expect(d).to.include({
            DisputeId: "D-000002",
            Status: "Decided",
            Outcome: "Upheld",
            ReversalNeeded: "ReinstateWorker W-000001",
            DecidedBy: f().team.lead.email,
          });
          expect(workerRow(f(), "W-000001")?.Status).to.equal("Suspended");
          const mail = read(mailTo(f(), "worker1@example.com")[0]?.mime ?? "");
          expect(mail.header("Subject")).to.equal("Outcome of your suspension appeal (D-000002)");
          expect(mail.text).to.include("Reasons: The flagged answers of 2 November were the worker's own.");
          await expectUserError(
            f().run.formula("ResolveDispute", [f().ledger, "D-000001", "Denied", "x"], f().team.lead),
            /"Denied" is not an outcome/,
          );
        },
      );

      vmIt(f, "CloseDispute closes a decided dispute", {formulas: ["CloseDispute"]}, async () => {
        const d = await f().run.formula<Obj>(
          "CloseDispute",
          [f().ledger, "D-000003", "Worker informed"],
          f().team.lead,
        );
        expect(d).to.include({DisputeId: "D-000003", Status: "Closed", Outcome: "Rejected"});
        expect(d.ClosedAt).to.be.a("string");
        expect(tabRecords(f(), "Disputes").find((x) => x.DisputeId === "D-000003")).to.include({Status: "Closed"});
        expect(events(f(), "W-000002").filter((e) => e.Type === "DisputeClosed")).to.have.length(1);
      });

      vmIt(f, "without Gmail access FlagDispute asks for it from inside the VM and writes nothing", {}, async () => {
        const before = tabRecords(f(), "Disputes").length;
        f().team.lead2.scopes.delete(GMAIL_READONLY);
        try {
          await expectMissingScopes(
            f().run.formula("FlagDispute", [f().ledger, "18c0000000001000", "Payment"], f().team.lead2),
            /needs more permission to read the email thread/,
          );
        } finally {
          f().team.lead2.scopes.add(GMAIL_READONLY);
        }
        expect(tabRecords(f(), "Disputes")).to.have.length(before);
      });
    },
  );

  // ---------- audits ----------

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

  // ---------- what a doc reads: one world nothing writes to, one page of every sync table ----------

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
            DocumentFolder: READ_DOCS,
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
