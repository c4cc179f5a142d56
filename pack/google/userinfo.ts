// OpenID Connect userinfo: https://developers.google.com/identity/openid-connect/openid-connect#obtainuserinfo
import * as coda from "@codahq/packs-sdk";
import * as z from "zod/mini";
import type {Google} from "./http";
import {callGoogle} from "./http";

const USERINFO_URL = "https://openidconnect.googleapis.com/v1/userinfo";

const userinfoSchema = z.object({
  sub: z.optional(z.string()),
  email: z.optional(z.string()),
  email_verified: z.optional(z.boolean()),
  name: z.optional(z.string()),
});

/**
 * The signed-in Google account: the actor of every decision. Coda may cache this GET for five
 * minutes, which is right: a connection's account does not change.
 */
export async function currentUser(g: Google): Promise<{email: string; name: string}> {
  const info = await callGoogle(
    g,
    {method: "GET", url: USERINFO_URL, what: "identify your Google account", retry: "idempotent"},
    userinfoSchema,
  );
  if (!info.email) {
    throw new coda.UserVisibleError(
      "Google did not share your account's email address, which the ledger records as the actor of every decision. Reconnect the pack and allow access to your email address.",
    );
  }
  return {email: info.email.trim().toLowerCase(), name: info.name ?? ""};
}
