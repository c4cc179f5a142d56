// An insider's own Google access: direct Sheets and Drive API calls as a user, bypassing the pack,
// the way someone with the spreadsheet shared to them could make them from a script.
import type {Emulator} from "../../emulator/server";
import type {User} from "../../emulator/state";

export interface Answer {
  status: number;
  body: Record<string, unknown>;
}

export function insider(emu: Emulator, user: User, spreadsheetId: string) {
  async function call(host: string, method: string, path: string, body?: unknown): Promise<Answer> {
    const res = await fetch(`${emu.url}/${host}${path}`, {
      method,
      headers: {Authorization: `Bearer ${user.token}`, ...(body ? {"Content-Type": "application/json"} : {})},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {}};
  }
  const sheets = (method: string, path: string, body?: unknown) =>
    call("sheets.googleapis.com", method, `/v4/spreadsheets/${spreadsheetId}${path}`, body);
  return {
    /** values.update with RAW input. */
    put: (range: string, values: unknown[][]) =>
      sheets("PUT", `/values/${encodeURIComponent(range)}?valueInputOption=RAW`, {values}),
    /** values.append with RAW input. */
    append: (range: string, values: unknown[][]) =>
      sheets("POST", `/values/${encodeURIComponent(range)}:append?valueInputOption=RAW`, {values}),
    read: (range: string) => sheets("GET", `/values/${encodeURIComponent(range)}`),
    batchUpdate: (requests: unknown[]) => sheets("POST", ":batchUpdate", {requests}),
    get: (fields: string) => sheets("GET", `?fields=${encodeURIComponent(fields)}`),
    /** Reads any spreadsheet (the key file) by id. */
    readOther: (id: string, range: string) =>
      call("sheets.googleapis.com", "GET", `/v4/spreadsheets/${id}/values/${encodeURIComponent(range)}`),
    drive: (method: string, path: string, body?: unknown) =>
      call("www.googleapis.com", method, `/drive/v3${path}`, body),
  };
}
