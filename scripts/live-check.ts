// Checks, against a real Google account, the behaviours docs/google-behaviour.md marks UNKNOWN or REPORTED.
// Never run by tests or CI, and it points at nothing by default:
//   GOOGLE_TOKEN=ya29.…  LIVE_SPREADSHEET_ID=…  npx tsx scripts/live-check.ts [step ...]
// GOOGLE_TOKEN: an OAuth access token with the spreadsheets, gmail.compose and gmail.readonly scopes (e.g. from the
// OAuth Playground). LIVE_SPREADSHEET_ID: a throwaway spreadsheet you own; the script adds and removes named
// ranges and a tab in it. Mail goes only to the token's own address.

const TOKEN = process.env.GOOGLE_TOKEN ?? "";
const SHEET = process.env.LIVE_SPREADSHEET_ID ?? "";
const SHEETS = "https://sheets.googleapis.com/v4/spreadsheets";
const GMAIL = "https://gmail.googleapis.com/gmail/v1/users/me";

async function call(method: string, url: string, body?: unknown): Promise<{status: number; body: unknown}> {
  const res = await fetch(url, {
    method,
    headers: {Authorization: `Bearer ${TOKEN}`, ...(body === undefined ? {} : {"Content-Type": "application/json"})},
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON
  }
  return {status: res.status, body: parsed};
}

const message = (r: {body: unknown}) => (r.body as {error?: {message?: string}}).error?.message ?? "";

function report(step: string, found: string, assumed: boolean): void {
  console.log(`${assumed ? "as assumed " : "DIFFERENT  "} ${step}: ${found}`);
}

async function me(): Promise<string> {
  const r = await call("GET", "https://openidconnect.googleapis.com/v1/userinfo");
  const email = (r.body as {email?: string}).email;
  if (!email) {
    const profile = await call("GET", `${GMAIL}/profile`);
    return (profile.body as {emailAddress?: string}).emailAddress ?? "";
  }
  return email;
}

function mime(from: string, subject: string, messageId: string): string {
  const text = [
    `From: ${from}`,
    `To: ${from}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "",
    "Sent by scripts/live-check.ts of the Trust & Safety pack. Delete it.",
  ].join("\r\n");
  return Buffer.from(text).toString("base64url");
}

async function sentMessageId(id: string): Promise<string> {
  const r = await call("GET", `${GMAIL}/messages/${id}?format=metadata&metadataHeaders=Message-ID`);
  const headers = (r.body as {payload?: {headers?: Array<{name: string; value: string}>}}).payload?.headers ?? [];
  return headers.find((h) => h.name.toLowerCase() === "message-id")?.value ?? "";
}

const steps: Record<string, () => Promise<void>> = {
  // Does Gmail keep the Message-ID a client sets on messages.send?
  async "gmail-message-id"() {
    const email = await me();
    const ours = `<live-check.${Date.now()}@trust-and-safety.invalid>`;
    const sent = await call("POST", `${GMAIL}/messages/send`, {raw: mime(email, "live-check: Message-ID", ours)});
    const id = (sent.body as {id?: string}).id ?? "";
    const theirs = id ? await sentMessageId(id) : `send failed: ${sent.status} ${message(sent)}`;
    report("gmail-message-id", `set ${ours}, Gmail has ${theirs}`, theirs !== ours);
  },
  // Is a sent draft gone (404 on a second send), and does the sent message keep the draft's message id?
  async "gmail-draft"() {
    const email = await me();
    const created = await call("POST", `${GMAIL}/drafts`, {
      message: {raw: mime(email, "live-check: draft", `<live-check.d${Date.now()}@trust-and-safety.invalid>`)},
    });
    const draft = created.body as {id?: string; message?: {id?: string}};
    const first = await call("POST", `${GMAIL}/drafts/send`, {id: draft.id});
    const second = await call("POST", `${GMAIL}/drafts/send`, {id: draft.id});
    report("gmail-draft (second send)", `first ${first.status}, second ${second.status}`, second.status === 404);
    const sentId = (first.body as {id?: string}).id;
    report(
      "gmail-draft (message id)",
      `draft message ${draft.message?.id}, sent ${sentId}`,
      sentId === draft.message?.id,
    );
  },
  // Does Sheets accept a named range id of the pack's form?
  async "named-range-id"() {
    const info = await call("GET", `${SHEETS}/${SHEET}?fields=sheets.properties(sheetId)`);
    const sheetId = (info.body as {sheets?: Array<{properties?: {sheetId?: number}}>}).sheets?.[0]?.properties?.sheetId;
    const id = `tsn${Date.now().toString(16)}abcdef0123`;
    const range = {sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1};
    const add = await call("POST", `${SHEETS}/${SHEET}:batchUpdate`, {
      requests: [{addNamedRange: {namedRange: {namedRangeId: id, name: `ts_${id}`, range}}}],
    });
    report("named-range-id", `${add.status} ${message(add)}`, add.status === 200);
    await call("POST", `${SHEETS}/${SHEET}:batchUpdate`, {requests: [{deleteNamedRange: {namedRangeId: id}}]});
  },
  // How many named ranges one batch can add (LIVE_NAMED_RANGES, default 2000), then removes them.
  async "named-range-count"() {
    const n = Number(process.env.LIVE_NAMED_RANGES ?? 2000);
    const info = await call("GET", `${SHEETS}/${SHEET}?fields=sheets.properties(sheetId)`);
    const sheetId = (info.body as {sheets?: Array<{properties?: {sheetId?: number}}>}).sheets?.[0]?.properties?.sheetId;
    const range = {sheetId, startRowIndex: 0, endRowIndex: 1, startColumnIndex: 0, endColumnIndex: 1};
    const ids = Array.from({length: n}, (_, i) => `tslc${i}x${Date.now().toString(16)}`);
    const add = await call("POST", `${SHEETS}/${SHEET}:batchUpdate`, {
      requests: ids.map((id) => ({addNamedRange: {namedRange: {namedRangeId: id, name: `ts_${id}`, range}}})),
    });
    report("named-range-count", `${n} in one batch: ${add.status} ${message(add)}`, add.status === 200);
    if (add.status === 200) {
      await call("POST", `${SHEETS}/${SHEET}:batchUpdate`, {
        requests: ids.map((namedRangeId) => ({deleteNamedRange: {namedRangeId}})),
      });
    }
  },
  // A read that starts beyond the grid, and one that starts inside and ends beyond it.
  async "grid-overlap"() {
    const info = await call("GET", `${SHEETS}/${SHEET}?fields=sheets.properties(title,gridProperties)`);
    const p = (info.body as {sheets?: Array<{properties?: {title?: string; gridProperties?: {rowCount?: number}}}>})
      .sheets?.[0]?.properties;
    const title = `'${(p?.title ?? "Sheet1").replace(/'/g, "''")}'`;
    const rows = p?.gridProperties?.rowCount ?? 1000;
    const get = (range: string) =>
      call("GET", `${SHEETS}/${SHEET}/values:batchGet?ranges=${encodeURIComponent(range)}`);
    const beyond = await get(`${title}!A${rows + 5}:B${rows + 6}`);
    report("grid-overlap (starts beyond)", `${beyond.status} ${message(beyond)}`, beyond.status === 400);
    const overlap = await get(`${title}!A${rows - 1}:B${rows + 5}`);
    report(
      "grid-overlap (starts inside, ends beyond)",
      `${overlap.status} ${message(overlap)}`,
      overlap.status === 200,
    );
    const farColumn = await get(`${title}!ZZ1:ZZ2`);
    report("grid-overlap (column beyond)", `${farColumn.status} ${message(farColumn)}`, farColumn.status === 400);
  },
};

async function main(): Promise<void> {
  if (!TOKEN || !SHEET) {
    console.error("Set GOOGLE_TOKEN and LIVE_SPREADSHEET_ID (a throwaway spreadsheet you own). Nothing was called.");
    process.exitCode = 2;
    return;
  }
  const asked = process.argv.slice(2);
  for (const [name, run] of Object.entries(steps)) {
    if (asked.length && !asked.includes(name)) {
      continue;
    }
    try {
      await run();
    } catch (err) {
      console.log(`FAILED      ${name}: ${(err as Error).message}`);
    }
  }
}

void main();
