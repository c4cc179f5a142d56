import {expect} from "chai";
import {existsSync, readFileSync} from "node:fs";
import * as path from "node:path";
import * as coda from "@codahq/packs-sdk";
import {executeFormulaFromPackDef} from "@codahq/packs-sdk/dist/development";
import {pack} from "../../pack/pack";

/**
 * Coda's pack best practices, checked on the BUILT metadata (build/metadata.json), the shape Coda
 * itself receives: descriptions and examples on every formula, suggested values where they make
 * sense, described and featured sync tables, and actions that return the row they changed.
 */

interface Param {
  name: string;
  description?: string;
  optional?: boolean;
  suggestedValue?: unknown;
}
interface Schema {
  type?: number | string;
  description?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  identity?: {name: string};
  featuredProperties?: string[];
  idProperty?: string;
  displayProperty?: string;
  codaType?: string;
}
interface Formula {
  name: string;
  description?: string;
  isAction?: boolean;
  parameters: Param[];
  examples?: unknown[];
  schema?: Schema;
  resultType?: number;
  codaType?: string;
  connectionRequirement?: string;
  extraOAuthScopes?: string[];
}
interface Skill {
  name: string;
  displayName: string;
  description: string;
  prompt: string;
  tools: Array<{type: string; formulas?: Array<{formulaName: string}>; source?: {type: string}}>;
}
interface Metadata {
  skills?: Skill[];
  formulas: Formula[];
  syncTables: Array<{
    name: string;
    description?: string;
    identityName: string;
    schema: Schema & {
      titleProperty?: string;
      linkProperty?: string;
      index?: {properties: string[]; contextProperties?: string[]; filterableProperties?: string[]};
    };
    getter: Formula;
  }>;
  formats?: Array<{name: string; formulaName: string}>;
  defaultAuthentication?: {instructionsUrl?: string};
}

/** Formulas that call no Google API, so anyone (a recruiter, a column format) can use them without an account. */
const NO_ACCOUNT = ["BankAccountCheck", "NormalizedEmail", "NormalizedPhone", "DisputeDueDate", "NoticePreview"];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function githubAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, "")
    .replace(/\s/g, "-");
}

/**
 * Required parameters that take no suggested value, and why. A new required parameter must be
 * given a suggestedValue or be added here with its reason.
 */
const NO_SUGGESTION: Record<string, string> = {
  ledger: "the doc's own ledger URL, kept in a Ledger named formula",
  workerId: "comes from the row the button is on",
  disputeId: "comes from the row the button is on",
  auditId: "comes from the row the button is on",
  threadId: "comes from the DisputeEmails row",
  name: "a person's name",
  email: "a person's address",
  country: "the person's country",
  reason: "the specific facts of one decision",
  rationale: "the specific reasons of one decision",
  evidence: "links to one case's evidence",
  summary: "what one dispute is about",
  findings: "what one audit found",
  until: "a date that depends on the decision",
  idType: "one of five document kinds, named in the description; no kind is more likely than another",
  idNumber: "one person's document number",
  account: "a bank account number the user types",
  phone: "a phone number the user types",
  assignee: "a person on the team",
  sourceSheet: "the recruiters' own spreadsheet",
  workerName: "the worker's name",
  openedAt: "when the dispute arrived",
  outcome: "the decision itself: no outcome is a sensible default",
  findingId: "comes from the Findings row the button is on",
  note: "what one person checked or decided",
  step: "comes from the worker's ExternalStepsOwed, exactly as written",
  workerIds: "the rows selected in the Workers table",
};

/** Actions that return something other than a synced row, and why. */
const NOT_A_ROW: Record<string, string> = {
  CreateLedger: "returns the new ledger's URL",
  RepairLedger: "returns a report of what it fixed",
  UpgradeLedger: "returns a report of what it changed, like RepairLedger",
  SealLog: "returns the seal it wrote (no sync table lists seals)",
  ScheduleAudits: "returns a summary of the draw, with its seed and the audits it scheduled",
  ImportApplicants: "returns a summary of who was added, skipped, and which rows had problems",
  OffboardWorkers:
    "up to 200 workers: returns {Done, Refused, Remaining} (issue 17); each worker's row updates at the next sync",
  ExportWorkerData: "returns the link to the readable export it wrote to Drive, as issue 17 asks",
  SuspendWorkers:
    "up to 200 workers: returns {Done, Refused, Remaining} (issue 17); each worker's row updates at the next sync",
};

/** Action names that are a verb alone, and why: the object is the worker on the button's row. */
const VERB_ONLY: Record<string, string> = {
  Reapply: "named by issue 17: the worker on the row applies again",
};

const METADATA = path.resolve(__dirname, "../../build/metadata.json");

describe("Coda best practices, on the built metadata", () => {
  let meta: Metadata;
  before(function () {
    if (!existsSync(METADATA)) {
      throw new Error(`${METADATA} is missing: run npm run build first (npm test does).`);
    }
    meta = JSON.parse(readFileSync(METADATA, "utf8")) as Metadata;
  });

  it("every formula and action has a description and examples", () => {
    const bad = meta.formulas.filter((f) => !f.description?.trim() || !f.examples?.length).map((f) => f.name);
    expect(bad).to.deep.equal([]);
  });

  it("every parameter is described, and every required one has a suggested value where one makes sense", () => {
    const undescribed: string[] = [];
    const unsuggested: string[] = [];
    const all = [...meta.formulas, ...meta.syncTables.map((t) => t.getter)];
    for (const f of all) {
      for (const p of f.parameters) {
        if (!p.description?.trim()) {
          undescribed.push(`${f.name}.${p.name}`);
        }
        if (!p.optional && p.suggestedValue === undefined && !NO_SUGGESTION[p.name]) {
          unsuggested.push(`${f.name}.${p.name}`);
        }
      }
    }
    expect(undescribed, "parameters without a description").to.deep.equal([]);
    expect(
      unsuggested,
      "required parameters without suggestedValue (add one, or a reason to NO_SUGGESTION)",
    ).to.deep.equal([]);
  });

  it("the last parameter of every action is an optional requestId (then what the worker is told, added later)", () => {
    const bad = meta.formulas
      .filter((f) => f.isAction && f.name !== "CreateLedger")
      .filter((f) => {
        const names = f.parameters.map((p) => p.name);
        // Actions that notify a worker end with requestId?, workerFacts? (issue 15); RecordAudit, which
        // queues the worker's feedback, with requestId?, improvements? (issue 18): added after requestId,
        // so calls that pass a requestId keep working.
        const tail = names.includes("notify")
          ? ["requestId", "workerFacts"]
          : names.includes("improvements")
            ? ["requestId", "improvements"]
            : ["requestId"];
        const last = f.parameters.slice(-tail.length);
        return last.map((p) => p.name).join() !== tail.join() || last.some((p) => !p.optional);
      });
    expect(bad.map((f) => f.name)).to.deep.equal([]);
  });

  it("every sync table is described, has featured columns, an id and a display column, and describes every property", () => {
    const problems: string[] = [];
    for (const t of meta.syncTables) {
      if (!t.description?.trim()) {
        problems.push(`${t.name}: no description`);
      }
      if (!t.schema.featuredProperties?.length) {
        problems.push(`${t.name}: no featured columns`);
      }
      if (!t.schema.idProperty || !t.schema.displayProperty) {
        problems.push(`${t.name}: no id or display property`);
      }
      if (t.schema.identity?.name !== t.identityName) {
        problems.push(`${t.name}: schema identity ${t.schema.identity?.name} is not ${t.identityName}`);
      }
      for (const [key, prop] of Object.entries(t.schema.properties ?? {})) {
        if (!prop.description?.trim()) {
          problems.push(`${t.name}.${key}: no description`);
        }
      }
    }
    expect(problems).to.deep.equal([]);
  });

  it("every action returns the row it changed, with the identity of its sync table", () => {
    const identities = new Set(meta.syncTables.map((t) => t.identityName));
    const bad = meta.formulas
      .filter((f) => f.isAction && !NOT_A_ROW[f.name])
      .filter((f) => !f.schema?.identity?.name || !identities.has(f.schema.identity.name))
      .map((f) => `${f.name} → ${f.schema?.identity?.name ?? "no identity"}`);
    expect(
      bad,
      "actions must return a row of a sync table (withIdentity), or be listed in NOT_A_ROW with a reason",
    ).to.deep.equal([]);
  });

  it("formula names are nouns and action names are verb + noun, none carrying the pack's name", () => {
    const verbs =
      /^(Update|Add|Remove|Start|Approve|Reject|Suspend|Reinstate|Offboard|Propose|Decline|Create|Repair|Record|Screen|Import|Schedule|Audit|Open|Assign|Resolve|Flag|Send|Close|Acknowledge|Snooze|Seal|Upgrade|Clear|Issue|Extend|Export)[A-Z]/;
    const actions = meta.formulas.filter((f) => f.isAction).map((f) => f.name);
    expect(actions.filter((n) => !verbs.test(n) && !VERB_ONLY[n])).to.deep.equal([]);
    const all = [...meta.formulas.map((f) => f.name), ...meta.syncTables.map((t) => t.name)];
    expect(all.filter((n) => /TrustAndSafety|TnS|Pack/i.test(n))).to.deep.equal([]);
  });

  it("the Superhuman Go skills call only the formulas they need, which exist, and leave decisions to a person", () => {
    const skills = meta.skills ?? [];
    expect(skills.map((k) => k.name).sort()).to.deep.equal(["DisputeTriage", "MonitoringDigest", "ScreeningAssistant"]);
    const formulas = new Set(meta.formulas.map((f) => f.name));
    for (const skill of skills) {
      expect(skill.description, skill.name).to.have.length.above(20);
      expect(skill.prompt, skill.name).to.match(/a person decides/i);
      for (const tool of skill.tools.filter((t) => t.type === "Pack")) {
        expect(tool.formulas?.length, `${skill.name}: a Pack tool must list its formulas`).to.be.above(0);
        for (const f of tool.formulas ?? []) {
          expect(formulas.has(f.formulaName), `${skill.name} names ${f.formulaName}`).to.equal(true);
          expect(
            meta.formulas.find((x) => x.name === f.formulaName)?.isAction,
            `${skill.name} may not run the action ${f.formulaName}`,
          ).to.not.equal(true);
        }
      }
    }
  });

  it("Disputes, Audits and Findings are indexable knowledge: title, link and indexed text that exist", () => {
    for (const name of ["Disputes", "Audits", "Findings"]) {
      const table = meta.syncTables.find((t) => t.name === name);
      const schema = table?.schema;
      const props = schema?.properties ?? {};
      expect(schema?.titleProperty && props[schema.titleProperty], `${name} title`).to.not.equal(undefined);
      expect(schema?.linkProperty && props[schema.linkProperty]?.codaType, `${name} link`).to.equal("url");
      const indexed = [
        ...(schema?.index?.properties ?? []),
        ...(schema?.index?.contextProperties ?? []),
        ...(schema?.index?.filterableProperties ?? []),
      ];
      expect(schema?.index?.properties.length, `${name} indexes text`).to.be.above(0);
      expect(
        indexed.filter((p) => !props[p]),
        `${name} indexes properties it does not have`,
      ).to.deep.equal([]);
    }
  });

  it("asks for the least privilege: base scopes for the ledger, Gmail and Drive only where a formula needs them", () => {
    const auth = (
      meta as unknown as {defaultAuthentication: {scopes: string[]; additionalParams: Record<string, string>}}
    ).defaultAuthentication;
    expect(auth.scopes).to.deep.equal(["openid", "email", "profile", "https://www.googleapis.com/auth/spreadsheets"]);
    expect(auth.additionalParams).to.deep.equal({access_type: "offline", prompt: "consent"});
    const allowed = new Set([
      "https://www.googleapis.com/auth/gmail.compose",
      "https://www.googleapis.com/auth/gmail.readonly",
      "https://www.googleapis.com/auth/drive",
      "https://www.googleapis.com/auth/drive.readonly",
      // Sharing the ledger and its key file, which the pack created (AddStaff, RemoveStaff; Findings reads the sharing).
      "https://www.googleapis.com/auth/drive.file",
    ]);
    const all = [...meta.formulas, ...meta.syncTables.map((t) => t.getter)] as Array<
      Formula & {extraOAuthScopes?: string[]}
    >;
    const extra = all.flatMap((f) => (f.extraOAuthScopes ?? []).map((scope) => `${f.name}: ${scope}`));
    expect(extra.filter((e) => !allowed.has(e.split(": ")[1] ?? ""))).to.deep.equal([]);
    // Reading formulas never get write access to mail or files.
    const readers = all.filter((f) => !f.isAction);
    expect(
      readers.flatMap((f) =>
        (f.extraOAuthScopes ?? [])
          .filter((scope) => /gmail\.(send|compose)|auth\/drive$/.test(scope))
          .map((scope) => `${f.name}: ${scope}`),
      ),
    ).to.deep.equal([]);
  });

  it("formulas that call no Google API need no account, and every other formula and table does", () => {
    const none = meta.formulas.filter((f) => f.connectionRequirement === "none").map((f) => f.name);
    expect([...none].sort()).to.deep.equal([...NO_ACCOUNT].sort());
    // A formula needing no account can ask for no scope either.
    expect(meta.formulas.filter((f) => none.includes(f.name) && f.extraOAuthScopes?.length)).to.deep.equal([]);
    const rest = [...meta.formulas.filter((f) => !none.includes(f.name)), ...meta.syncTables.map((t) => t.getter)];
    expect(rest.filter((f) => f.connectionRequirement === "none").map((f) => f.name)).to.deep.equal([]);
    // Column formats run in any doc, so theirs must need no account.
    const formats = (meta.formats ?? []).map((f) => f.formulaName);
    expect(formats.filter((name) => !none.includes(name))).to.deep.equal([]);
  });

  it("the authentication points to the README's set-up section", () => {
    const url = meta.defaultAuthentication?.instructionsUrl ?? "";
    expect(url).to.match(/^https:\/\/[^#\s]+#[a-z0-9-]+$/);
    const readme = readFileSync(path.resolve(__dirname, "../../README.md"), "utf8");
    const anchors = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => githubAnchor(m[1] ?? ""));
    expect(anchors).to.include(url.split("#")[1]);
    expect(readme).to.match(/^## Using it for real$/m);
  });
});

describe("formulas that need no account make no request", () => {
  const fetcher: coda.Fetcher = {
    fetch: () => {
      throw new Error("a formula that needs no account made a request");
    },
  };
  const context = {timezone: "America/Los_Angeles", fetcher} as unknown as coda.ExecutionContext;
  for (const name of NO_ACCOUNT) {
    it(`${name} runs its examples without a fetcher`, async () => {
      const formula = pack.formulas.find((f) => f.name === name);
      expect(formula?.connectionRequirement).to.equal(coda.ConnectionRequirement.None);
      expect(formula?.examples?.length).to.be.greaterThan(0);
      for (const example of formula?.examples ?? []) {
        const result: unknown = await executeFormulaFromPackDef(pack, name, example.params as never, context);
        expect(result).to.not.equal(undefined);
      }
    });
  }
});
