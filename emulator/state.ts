import {randomBytes} from "node:crypto";
import type {Spreadsheet} from "./model";

export interface User {
  email: string;
  name: string;
  token: string;
  scopes: Set<string>;
  /** A revoked token answers 401, as an expired one does. */
  revoked: boolean;
  /** An account without Gmail (a Google account on another mail provider): every Gmail call answers 400. */
  noGmail?: boolean;
}

export const SPREADSHEETS_SCOPE = "https://www.googleapis.com/auth/spreadsheets";
export const DRIVE_SCOPE = "https://www.googleapis.com/auth/drive";
export const DRIVE_FILE_SCOPE = "https://www.googleapis.com/auth/drive.file";

/** The scopes a connection of this pack holds by default. */
export const BASE_SCOPES = ["openid", "email", "profile", SPREADSHEETS_SCOPE];

/** Everything the emulator holds. Tests read and change it directly to play hand edits. */
export class EmulatorState {
  readonly users = new Map<string, User>();
  readonly spreadsheets = new Map<string, Spreadsheet>();
  /** Cell-limit enforcement (10 million per spreadsheet); the benchmarks may switch it off. */
  enforceCellLimit = true;
  /** Extra stores the other API modules keep (Drive files, Gmail mailboxes). */
  readonly extensions = new Map<string, unknown>();

  addUser(email: string, options: {name?: string; scopes?: string[]; token?: string} = {}): User {
    const user: User = {
      email: email.toLowerCase(),
      name: options.name ?? email.split("@")[0] ?? email,
      token: options.token ?? `tok-${randomBytes(12).toString("hex")}`,
      scopes: new Set(options.scopes ?? BASE_SCOPES),
      revoked: false,
    };
    this.users.set(user.token, user);
    return user;
  }

  userByEmail(email: string): User | undefined {
    return [...this.users.values()].find((u) => u.email === email.toLowerCase());
  }

  newId(length = 44): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const bytes = randomBytes(length);
    return `1${[...bytes]
      .map((b) => alphabet[b % alphabet.length])
      .join("")
      .slice(1)}`;
  }

  /** Shares a spreadsheet (or any Drive file) with a person, as Drive sharing does. */
  share(spreadsheetId: string, email: string, role: "writer" | "reader"): void {
    const book = this.spreadsheets.get(spreadsheetId);
    if (!book) {
      throw new Error(`no spreadsheet ${spreadsheetId}`);
    }
    book.permissions.set(email.toLowerCase(), role);
  }
}
