// The property shapes both companions describe their objects with.
import * as coda from "@codahq/packs-sdk";

const S = coda.ValueType.String as const;
export const text = (description: string) => ({type: S, description});
export const key = (description: string) => ({type: S, description, required: true as const});
export const dateTime = (description: string) => ({
  type: S,
  codaType: coda.ValueHintType.DateTime as const,
  description,
});
export const link = (description: string) => ({type: S, codaType: coda.ValueHintType.Url as const, description});
export const mail = (description: string) => ({type: S, codaType: coda.ValueHintType.Email as const, description});
export const list = (description: string) => ({type: coda.ValueType.Array as const, items: {type: S}, description});
export const flag = (description: string) => ({type: coda.ValueType.Boolean as const, description});
export const count = (description: string) => ({type: coda.ValueType.Number as const, description});
export const numberKey = (description: string) => ({...count(description), required: true as const});

/** The sentence every action returns saying what it did; the label of each result object. */
export const DONE = text("One sentence saying what happened.");

/**
 * What an action returns: the sync table's row, under the same identity and id so the row updates in place, with
 * what the action did and `Done` as its label.
 */
export function changeSchema<K extends string, L extends string>(
  row: {properties: coda.ObjectSchemaProperties<K>; idProperty: K; identity: string},
  description: string,
  extra: coda.ObjectSchemaProperties<L>,
  featuredProperties: Array<K | L>,
) {
  return coda.makeObjectSchema({
    description,
    properties: {...row.properties, ...extra, Done: DONE},
    displayProperty: "Done",
    idProperty: row.idProperty,
    featuredProperties,
    identity: {name: row.identity},
  });
}
