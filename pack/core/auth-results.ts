// Whether an email's sender is proven, from the Authentication-Results header Gmail writes on
// receipt (RFC 8601) and DMARC's identifier alignment (RFC 7489 §3.1).
// Gmail writes, for example (https://support.google.com/mail/answer/180707 shows it under "Show original"):
//   Authentication-Results: mx.google.com;
//          dkim=pass header.i=@example.com header.s=sel header.b=AbC;
//          spf=pass (google.com: domain of ana@example.com designates 192.0.2.1 as permitted sender) smtp.mailfrom=ana@example.com;
//          dmarc=pass (p=NONE sp=NONE dis=NONE) header.from=example.com
import {domainOf, unfold} from "./address";

/** The authserv-id Gmail's receiving servers write. */
export const GMAIL_AUTHSERV_ID = "mx.google.com";

export interface AuthResult {
  /** "spf", "dkim", "dmarc", … lower case, without a version. */
  method: string;
  /** "pass", "fail", "softfail", "none", … lower case. */
  result: string;
  /** ptype.property → value, lower-cased names: "header.from" → "example.com". */
  props: Map<string, string>;
}

export interface AuthResults {
  authservId: string;
  results: AuthResult[];
}

/** The value with RFC 5322 comments removed (nested, with quoted pairs), quoted strings kept. */
function withoutComments(value: string): string {
  let out = "";
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === "\\" && (depth > 0 || quoted)) {
      if (!depth) {
        out += ch + (value[i + 1] ?? "");
      }
      i++;
    } else if (quoted) {
      out += ch;
      quoted = ch !== '"';
    } else if (ch === "(") {
      depth++;
    } else if (ch === ")" && depth > 0) {
      depth--;
    } else if (!depth) {
      out += ch;
      quoted = ch === '"';
    }
  }
  return out;
}

/**
 * Reads one Authentication-Results value (RFC 8601 §2.2): the authserv-id, then `method=result`
 * statements with their `ptype.property=value` pairs. Comments are ignored; `reason=` is skipped.
 */
export function parseAuthResults(value: string): AuthResults {
  const [head = "", ...statements] = withoutComments(unfold(value)).split(";");
  const authservId = (head.trim().split(/\s+/)[0] ?? "").toLowerCase();
  const results: AuthResult[] = [];
  for (const statement of statements) {
    const words = statement.trim().split(/\s+/).filter(Boolean);
    const first = /^([A-Za-z0-9_-]+)(?:\/\d+)?\s*=\s*([A-Za-z]+)$/.exec(words[0] ?? "");
    if (!first?.[1] || !first[2]) {
      continue;
    }
    const props = new Map<string, string>();
    for (const word of words.slice(1)) {
      const prop = /^([A-Za-z0-9_-]+\.[A-Za-z0-9_.-]+)=(.*)$/.exec(word);
      if (prop?.[1]) {
        props.set(prop[1].toLowerCase(), (prop[2] ?? "").replace(/^"(.*)"$/, "$1"));
      }
    }
    results.push({method: first[1].toLowerCase(), result: first[2].toLowerCase(), props});
  }
  return {authservId, results};
}

/**
 * Whether two domains are aligned in DMARC's relaxed mode (RFC 7489 §3.1.1): the same, or one a
 * subdomain of the other. This is stricter than "same Organizational Domain" (no public suffix
 * list here): two sibling subdomains are not taken as aligned.
 */
export function aligned(a: string, b: string): boolean {
  const x = a.toLowerCase().replace(/\.$/, "");
  const y = b.toLowerCase().replace(/\.$/, "");
  return Boolean(x && y) && (x === y || x.endsWith(`.${y}`) || y.endsWith(`.${x}`));
}

export interface SenderProof {
  verified: boolean;
  /** In words: what proved the sender, or why nothing did. */
  reason: string;
}

/**
 * Whether the From address `fromEmail` is proven by the message's Authentication-Results headers
 * (`headers`, in the order they appear in the message). Only the topmost one counts, and only when
 * Gmail wrote it (authserv-id mx.google.com): a receiver prepends its own, so any below it came
 * with the message and prove nothing (RFC 8601 §5, §7.1). Then:
 * - dmarc=fail: not proven, whatever else passed;
 * - dmarc=pass for the From domain: proven (DMARC pass means an aligned SPF or DKIM pass);
 * - otherwise an spf=pass whose smtp.mailfrom domain, or a dkim=pass whose signing domain
 *   (header.d, or header.i's domain), aligns with the From domain proves it; nothing else does.
 */
export function proveSender(headers: readonly string[], fromEmail: string): SenderProof {
  const fromDomain = fromEmail.includes("@") ? domainOf(fromEmail) : "";
  if (!fromDomain) {
    return {verified: false, reason: "the email has no From address to check"};
  }
  const top = headers[0];
  if (top === undefined) {
    return {
      verified: false,
      reason: "Gmail recorded no authentication results for it (no Authentication-Results header)",
    };
  }
  const parsed = parseAuthResults(top);
  if (parsed.authservId !== GMAIL_AUTHSERV_ID) {
    return {
      verified: false,
      reason: `its authentication results were not written by Gmail (authserv-id "${parsed.authservId.slice(0, 60)}")`,
    };
  }
  const of = (method: string) => parsed.results.filter((r) => r.method === method);
  const dmarc = of("dmarc");
  if (dmarc.some((r) => r.result === "fail")) {
    return {verified: false, reason: `it fails DMARC for ${fromDomain}: the From address may be forged`};
  }
  const passed = dmarc.find((r) => r.result === "pass");
  if (passed) {
    const headerFrom = passed.props.get("header.from") ?? "";
    if (headerFrom && headerFrom.toLowerCase() === fromDomain) {
      return {verified: true, reason: `DMARC passes for ${fromDomain}`};
    }
  }
  const spf = of("spf").find((r) => {
    const mailFrom = r.props.get("smtp.mailfrom") ?? r.props.get("smtp.mail") ?? "";
    return r.result === "pass" && aligned(mailFrom.includes("@") ? domainOf(mailFrom) : mailFrom, fromDomain);
  });
  if (spf) {
    return {verified: true, reason: `SPF passes for a domain aligned with ${fromDomain}`};
  }
  const dkim = of("dkim").find((r) => {
    const identity = r.props.get("header.d") ?? r.props.get("header.i") ?? "";
    return r.result === "pass" && aligned(identity.includes("@") ? domainOf(identity) : identity, fromDomain);
  });
  if (dkim) {
    return {verified: true, reason: `a DKIM signature of a domain aligned with ${fromDomain} passes`};
  }
  return {
    verified: false,
    reason: `neither SPF nor DKIM passes for a domain aligned with ${fromDomain}, so the From address is not proven`,
  };
}
