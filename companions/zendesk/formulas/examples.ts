// The example account the formulas' examples run against (test/helpers/zendesk-world.ts builds it in the emulator).
export const EXAMPLE_ENDPOINT = "https://example.zendesk.com";
/** An appeal ticket from the example worker. */
export const EXAMPLE_TICKET = 482;
/** The example worker's Zendesk user id. */
export const EXAMPLE_USER = "361000000101";
/** A worker whose account is already suspended. */
export const EXAMPLE_SUSPENDED_USER = "361000000102";
