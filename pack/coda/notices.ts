import * as coda from "@codahq/packs-sdk";
import {id} from "./props";

/** A composed notice, as NoticePreview returns it. */
export const NoticePreviewSchema = coda.makeObjectSchema({
  description: "A notice to a worker as it would be sent.",
  properties: {
    Subject: id("The email's subject."),
    Text: id("The email's text."),
  },
  displayProperty: "Subject",
});
