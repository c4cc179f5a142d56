// Every header value of a mail the pack sends, checked before it is written: addresses are one
// RFC 5322 addr-spec, message ids one msg-id, display names and the subject free of control
// characters (they are then RFC 2047-encoded). CR and LF never reach a header.
import {isMailAddress, isMsgId} from "./address";
import {badInput} from "./errors";

/** A display name or subject as one line: control characters (CR, LF, tab, NUL…) become spaces. */
export function oneLine(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
}

export interface HeaderFields {
  from: {name: string; email: string};
  to: {name: string; email: string};
  replyTo?: string;
  messageId: string;
  inReplyTo?: string;
  references?: readonly string[];
}

/** The header fields that would be unsafe to write, in words; empty when all are safe. */
export function headerProblems(mail: HeaderFields): string[] {
  const problems: string[] = [];
  const show = (v: string) => JSON.stringify(v.slice(0, 80));
  if (!isMailAddress(mail.from.email)) {
    problems.push(`the sender's address ${show(mail.from.email)} is not one email address`);
  }
  if (!isMailAddress(mail.to.email)) {
    problems.push(`the worker's address ${show(mail.to.email)} is not one email address`);
  }
  if (mail.replyTo !== undefined && !isMailAddress(mail.replyTo)) {
    problems.push(`the Reply-To ${show(mail.replyTo)} is not one email address`);
  }
  if (!isMsgId(mail.messageId)) {
    problems.push(`the Message-ID ${show(mail.messageId)} is not one <id@domain>`);
  }
  if (mail.inReplyTo !== undefined && !isMsgId(mail.inReplyTo)) {
    problems.push(`the In-Reply-To ${show(mail.inReplyTo)} is not one <id@domain>`);
  }
  const badRef = (mail.references ?? []).find((r) => !isMsgId(r));
  if (badRef !== undefined) {
    problems.push(`the References entry ${show(badRef)} is not one <id@domain>`);
  }
  return problems;
}

/** Refuses to build a mail whose header fields are unsafe, naming each problem. */
export function requireSafeHeaders(mail: HeaderFields): void {
  const problems = headerProblems(mail);
  if (problems.length) {
    throw badInput("MAIL_HEADER", `The mail was not sent: ${problems.join("; ")}.`);
  }
}
