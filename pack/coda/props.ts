// Property shorthands for every schema: the bundle carries each schema, so they are kept terse.
// `text("The worker's name.")` is `{type: String, description: "The worker's name."}`.
import * as coda from "@codahq/packs-sdk";

const S = coda.ValueType.String as const;

export const text = (description: string) => ({type: S, description});
export const id = (description: string) => ({type: S, description, required: true as const});
export const count = (description: string) => ({type: coda.ValueType.Number as const, description});
export const flag = (description: string) => ({type: coda.ValueType.Boolean as const, description});
export const dateTime = (description: string) => ({
  type: S,
  codaType: coda.ValueHintType.DateTime as const,
  description,
});
export const date = (description: string) => ({type: S, codaType: coda.ValueHintType.Date as const, description});
export const email = (description: string) => ({type: S, codaType: coda.ValueHintType.Email as const, description});
export const url = (description: string) => ({type: S, codaType: coda.ValueHintType.Url as const, description});
export const list = (description: string) => ({type: coda.ValueType.Array as const, items: {type: S}, description});
export const select = (options: readonly string[], description: string) => ({
  type: S,
  codaType: coda.ValueHintType.SelectList as const,
  options: [...options],
  description,
});
