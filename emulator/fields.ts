/**
 * Google's partial-response field masks ("sheets.properties(sheetId,title)", "files(id,name),nextPageToken"):
 * keeps only the named paths of a response.
 */
export function applyFields(value: unknown, fields: string | undefined): unknown {
  if (!fields || fields === "*") {
    return value;
  }
  return pick(value, parse(fields));
}

type Mask = Map<string, Mask | true>;

function parse(fields: string): Mask {
  const mask: Mask = new Map();
  let i = 0;
  const parseList = (into: Mask): void => {
    while (i < fields.length) {
      let name = "";
      while (i < fields.length && !",()".includes(fields[i] as string)) {
        name += fields[i];
        i++;
      }
      name = name.trim();
      let sub: Mask | true = true;
      if (fields[i] === "(") {
        i++;
        sub = new Map();
        parseList(sub);
        i++; // ")"
      }
      if (name) {
        addPath(into, name.split("."), sub);
      }
      if (fields[i] === ",") {
        i++;
        continue;
      }
      if (fields[i] === ")" || i >= fields.length) {
        return;
      }
    }
  };
  parseList(mask);
  return mask;
}

function addPath(mask: Mask, path: string[], leaf: Mask | true): void {
  const [head, ...rest] = path;
  if (head === undefined) {
    return;
  }
  if (!rest.length) {
    const existing = mask.get(head);
    if (existing instanceof Map && leaf instanceof Map) {
      for (const [k, v] of leaf) {
        existing.set(k, v);
      }
    } else {
      mask.set(head, leaf);
    }
    return;
  }
  let next = mask.get(head);
  if (next === true) {
    return;
  }
  if (!next) {
    next = new Map();
    mask.set(head, next);
  }
  addPath(next, rest, leaf);
}

function pick(value: unknown, mask: Mask): unknown {
  if (Array.isArray(value)) {
    return value.map((v) => pick(v, mask));
  }
  if (!value || typeof value !== "object") {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, sub] of mask) {
    const v = (value as Record<string, unknown>)[key];
    if (v === undefined) {
      continue;
    }
    out[key] = sub === true ? v : pick(v, sub);
  }
  return out;
}
