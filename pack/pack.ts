import * as coda from "@codahq/packs-sdk";
import {registerLedger} from "../formulas/ledger";
import {registerLifecycle} from "../formulas/lifecycle";
import {registerCasework} from "../formulas/casework";
import {registerBulk} from "../formulas/bulk";
import {registerDisputes} from "../formulas/disputes";
import {registerExternalSteps} from "../formulas/external";
import {registerNotices} from "../formulas/notices";
import {registerDisputesTable} from "../sync-tables/disputes";
import {registerDisputeEmailsTable} from "../sync-tables/dispute-emails";
import {registerVetting} from "../formulas/vetting";
import {registerAudits} from "../formulas/audits";
import {registerReports} from "../formulas/reports";
import {registerAuditsTable} from "../sync-tables/audits";
import {registerFindingsTable} from "../sync-tables/findings";
import {registerFindings} from "../formulas/findings";
import {registerQueueTable} from "../sync-tables/queue";
import {registerTrendsTable} from "../sync-tables/trends";
import {registerWorkerDocumentsTable} from "../sync-tables/worker-documents";
import {registerBlacklistTable} from "../sync-tables/blacklist";
import {registerDecisionLogTable} from "../sync-tables/decision-log";
import {registerStaffTable} from "../sync-tables/staff";
import {registerWorkersTable} from "../sync-tables/workers";
import {googleFrom} from "./google/http";
import {BASE_SCOPES} from "./google/scopes";
import {registerSkills} from "./coda/skills";
import {currentUser} from "./google/userinfo";

export const pack = coda.newPack();

/** The README's set-up section, shown by Coda when someone connects an account. */
export const SETUP_INSTRUCTIONS_URL = "https://github.com/trust-and-safety/trust-and-safety-pack#using-it-for-real";

pack.setUserAuthentication({
  type: coda.AuthenticationType.OAuth2,
  instructionsUrl: SETUP_INSTRUCTIONS_URL,
  authorizationUrl: "https://accounts.google.com/o/oauth2/v2/auth",
  tokenUrl: "https://oauth2.googleapis.com/token",
  scopes: BASE_SCOPES,
  additionalParams: {access_type: "offline", prompt: "consent"},
  getConnectionName: async (context) => (await currentUser(googleFrom(context))).email,
});

pack.addNetworkDomain("googleapis.com");

registerLedger(pack);
registerLifecycle(pack);
registerCasework(pack);
registerBulk(pack);
registerExternalSteps(pack);
registerVetting(pack);
registerWorkersTable(pack);
registerDecisionLogTable(pack);
registerBlacklistTable(pack);
registerStaffTable(pack);
registerDisputes(pack);
registerNotices(pack);
registerDisputesTable(pack);
registerDisputeEmailsTable(pack);
registerAudits(pack);
registerReports(pack);
registerFindingsTable(pack);
registerFindings(pack);
registerQueueTable(pack);
registerAuditsTable(pack);
registerWorkerDocumentsTable(pack);
registerTrendsTable(pack);
registerSkills(pack);
