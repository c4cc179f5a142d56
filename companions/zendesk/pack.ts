// The Zendesk companion: carries the ledger's decisions to the team's help desk, and brings
// appeals that arrive as tickets to the ledger. One account (the team's subdomain), one credential.
import * as coda from "@codahq/packs-sdk";
import {me} from "./api/zendesk";
import {zendeskFrom} from "./api/http";
import {registerTickets} from "./formulas/tickets";
import {registerUsers} from "./formulas/users";
import {registerTicketsTable} from "./sync-tables/tickets";
import {registerCommentsTable} from "./sync-tables/comments";
import {registerUsersTable} from "./sync-tables/users";

export const pack = coda.newPack();

// Zendesk's OAuth for integrations, on the account's own subdomain, which the user enters when
// connecting (https://developer.zendesk.com/documentation/api-basics/authentication/using-oauth-to-authenticate-zendesk-api-requests-in-a-web-app/).
// With requiresEndpointUrl the URLs are relative to https://<subdomain>.zendesk.com.
pack.setUserAuthentication({
  type: coda.AuthenticationType.OAuth2,
  requiresEndpointUrl: true,
  endpointDomain: "zendesk.com",
  authorizationUrl: "/oauth/authorizations/new",
  tokenUrl: "/oauth/tokens",
  scopes: ["read", "write"],
  instructionsUrl: "https://support.zendesk.com/hc/en-us/articles/4408845965210",
  getConnectionName: async (context) => {
    const {user} = await me(zendeskFrom(context));
    return `${user.name} <${user.email ?? ""}>`;
  },
});

pack.addNetworkDomain("zendesk.com");

registerTickets(pack);
registerUsers(pack);
registerTicketsTable(pack);
registerCommentsTable(pack);
registerUsersTable(pack);
