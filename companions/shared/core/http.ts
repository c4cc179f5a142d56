// What both companions read from a service's answers, before any SDK: headers and bodies as Coda hands them over.

export type Headers = Record<string, string | string[] | undefined>;

/** A header's first value, by case-insensitive name (Coda passes names as the service wrote them). */
export function header(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const raw = Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
  return Array.isArray(raw) ? raw[0] : raw;
}

/** An error body: parsed JSON, or (when it is not JSON) its first 200 characters as text. */
export function errorBody(body: unknown): {json: unknown} | {text: string} {
  if (typeof body !== "string") {
    return {json: body};
  }
  try {
    return {json: JSON.parse(body)};
  } catch {
    return {text: body.slice(0, 200)};
  }
}
