// The example server the formulas' examples run against (test/companions/worlds.ts builds it in the emulator).
// Snowflakes beyond 2^53, so the examples show ids staying text.
export const EXAMPLE_GUILD = "1199000000000000001";
export const EXAMPLE_USER = "1199000000000000101";
export const EXAMPLE_USER_2 = "1199000000000000102";
export const EXAMPLE_ROLE_CONTRIBUTOR = "1199000000000000011";
export const EXAMPLE_ROLE_REVIEWER = "1199000000000000012";
/** The examples' clock: TimeoutMember's example is within 28 days of it. */
export const EXAMPLE_NOW = "2026-03-02T00:00:00.000Z";
