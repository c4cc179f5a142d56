import * as coda from "@codahq/packs-sdk";

/** A required text parameter. */
export const textParam = (name: string, description: string) =>
  coda.makeParameter({type: coda.ParameterType.String, name, description});
