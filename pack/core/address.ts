// Email addresses and message ids read by RFC 5322's grammar, before any RFC 2047 decoding:
// an address hidden in an encoded word, a display name or a comment is text, never the sender.
// https://www.rfc-editor.org/rfc/rfc5322#section-3.4 (address), §3.6.4 (msg-id), RFC 2047 §5.

// atext of RFC 5322 §3.2.3.
const ATEXT = "A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~";
const DOT_ATOM = `[${ATEXT}]+(?:\\.[${ATEXT}]+)*`;
// no-fold-literal of §3.6.4: "[" *dtext "]", dtext being printable ASCII but "[", "]" and "\".
const NO_FOLD_LITERAL = "\\[[\\x21-\\x5a\\x5e-\\x7e]*\\]";
const MSG_ID = new RegExp(`^<${DOT_ATOM}@(?:${DOT_ATOM}|${NO_FOLD_LITERAL})>$`);
// A domain a mailbox can have: labels of letters, digits and hyphens (IDNs in their A-label form).
const DOMAIN = /^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}$/;
const LOCAL = new RegExp(`^${DOT_ATOM}$`);
/** Longest message id taken from a sheet or from mail; RFC 5322 lines stop at 998 characters. */
export const MAX_MSG_ID = 250;

/**
 * Whether `value` is one RFC 5322 msg-id ("<left@right>"), with nothing around it: no spaces,
 * no CR or LF, ASCII only. `isMsgId("<a.b@mail.gmail.com>")` → true; `isMsgId("<a@b>\r\nBcc: x")` → false.
 */
export function isMsgId(value: string): boolean {
  return value.length <= MAX_MSG_ID && MSG_ID.test(value);
}

/** The msg-ids of a References or In-Reply-To value, in order; anything else in it is dropped. */
export function msgIdList(value: string | undefined): string[] {
  const unfolded = unfold(value ?? "");
  return (unfolded.match(/<[^<>\s]*>/g) ?? []).filter(isMsgId);
}

/**
 * Whether `email` is an addr-spec a mail can be sent to: a dot-atom local part, "@", and a
 * domain name. Quoted local parts, IP literals, spaces, CR and LF are refused.
 * `isMailAddress("ana.perez@example.com")` → true; `isMailAddress("a@b.com\r\nBcc: x@y.z")` → false.
 */
export function isMailAddress(email: string): boolean {
  const at = email.lastIndexOf("@");
  if (at < 1 || email.length > 254) {
    return false;
  }
  const local = email.slice(0, at);
  return local.length <= 64 && LOCAL.test(local) && DOMAIN.test(email.slice(at + 1));
}

/** A header value with its folding (CRLF followed by space or tab) removed, as RFC 5322 §2.2.3 unfolds. */
export function unfold(value: string): string {
  return value.replace(/\r?\n(?=[ \t])/g, "");
}

/**
 * The header fields of a message as received (RFC 5322 §2.2), from its raw text: each name with
 * its value unfolded and nothing else done to it (encoded words stay encoded), in order. Reading
 * stops at the first empty line, where the body starts.
 */
export function headerFields(message: string): Array<{name: string; value: string}> {
  const end = /\r?\n\r?\n/.exec(message);
  const block = end ? message.slice(0, end.index) : message;
  return block
    .split(/\r?\n(?![ \t])/)
    .map((field) => /^([\x21-\x39\x3b-\x7e]+)[ \t]*:(.*)$/s.exec(field))
    .filter((m): m is RegExpExecArray => Boolean(m))
    .map((m) => ({name: m[1] ?? "", value: unfold(m[2] ?? "").trim()}));
}

type Token =
  | {kind: "word"; text: string}
  | {kind: "quoted"; text: string}
  | {kind: "angle"; text: string}
  | {kind: "special"; text: string};

/** Splits a header value into RFC 5322 lexical tokens; comments are dropped. Undefined when unbalanced. */
function tokenize(value: string): Token[] | undefined {
  const tokens: Token[] = [];
  let i = 0;
  let word = "";
  const flush = () => {
    if (word) {
      tokens.push({kind: "word", text: word});
      word = "";
    }
  };
  while (i < value.length) {
    const ch = value[i] as string;
    if (ch === '"') {
      flush();
      let text = "";
      i++;
      while (i < value.length && value[i] !== '"') {
        text += value[i] === "\\" ? (value[++i] ?? "") : value[i];
        i++;
      }
      if (i >= value.length) {
        return undefined;
      }
      tokens.push({kind: "quoted", text});
      i++;
    } else if (ch === "(") {
      flush();
      let depth = 0;
      do {
        if (value[i] === "\\") {
          i++;
        } else if (value[i] === "(") {
          depth++;
        } else if (value[i] === ")") {
          depth--;
        }
        i++;
      } while (i < value.length && depth > 0);
      if (depth > 0) {
        return undefined;
      }
    } else if (ch === "<") {
      flush();
      const end = value.indexOf(">", i);
      if (end < 0) {
        return undefined;
      }
      tokens.push({kind: "angle", text: value.slice(i + 1, end)});
      i = end + 1;
    } else if (/\s/.test(ch)) {
      flush();
      i++;
    } else if ("<>[]:;@\\,.".includes(ch)) {
      flush();
      tokens.push({kind: "special", text: ch});
      i++;
    } else {
      word += ch;
      i++;
    }
  }
  flush();
  return tokens;
}

export interface Sender {
  /** The addr-spec, exactly as written (case kept); "" when the value holds no single usable address. */
  email: string;
  /** The display name, RFC 2047 words decoded: for showing only, never for matching. */
  name: string;
  /** Why no address could be taken, in words. */
  problem?: string;
}

/**
 * The one mailbox of a From header, read as RFC 5322 §3.4 says, on the raw value (folding and
 * encoded words as they arrived). The address is the angle-addr, or the bare addr-spec when there
 * is no angle-addr; text in the display name, in comments or inside an encoded word never counts.
 * Only then is the display name decoded, with `decodeWords` (RFC 2047; the mime codecs' decoder).
 * `parseSender("=?UTF-8?Q?Ana_P=C3=A9rez?= <ana@example.com>", decodeWords)` → {email: "ana@example.com", name: "Ana Pérez"}.
 */
export function parseSender(raw: string, decodeWords: (text: string) => string = (t) => t): Sender {
  const tokens = tokenize(unfold(raw ?? "").trim());
  if (!tokens) {
    return {email: "", name: "", problem: "the From header is not well formed (an unclosed quote, comment or <)."};
  }
  if (tokens.some((t) => t.kind === "special" && (t.text === "," || t.text === ";" || t.text === ":"))) {
    return {email: "", name: "", problem: "the From header names several mailboxes or a group, not one sender."};
  }
  const angles = tokens.filter((t) => t.kind === "angle");
  if (angles.length > 1) {
    return {email: "", name: "", problem: "the From header holds more than one <address>."};
  }
  const angle = angles[0];
  if (angle) {
    if (tokens[tokens.length - 1] !== angle) {
      return {email: "", name: "", problem: "the From header has text after its <address>."};
    }
    const email = angle.text.trim();
    const phrase = tokens.slice(0, -1);
    const name = phrase
      .map((t) => (t.kind === "quoted" ? decodeWords(t.text) : t.kind === "word" ? decodeWords(t.text) : t.text))
      .join(" ")
      .replace(/\s+/g, " ")
      .trim();
    return isMailAddress(email)
      ? {email, name}
      : {email: "", name, problem: `"${email.slice(0, 80)}" in the From header is not an email address.`};
  }
  // No angle-addr: the value (comments dropped) must be one addr-spec.
  const email = tokens.map((t) => t.text).join("");
  if (tokens.some((t) => t.kind === "quoted") || !isMailAddress(email)) {
    return {email: "", name: "", problem: "the From header holds no email address outside its display name."};
  }
  return {email, name: ""};
}

/** The domain of an address, lower case: "Ana@Mail.Example.com" → "mail.example.com". */
export function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}
