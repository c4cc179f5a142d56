import {expect} from "chai";
import * as coda from "@codahq/packs-sdk";
import {withQuery} from "../../pack/google/http";
import {isMissingScopesError} from "../../pack/google/errors";
import {apiUrl as sheetsUrl} from "../../pack/google/sheets";
import {apiUrl as driveUrl} from "../../pack/google/drive";
import {apiUrl as gmailUrl} from "../../pack/google/gmail";

describe("google: one query-string builder", () => {
  it("encodes names and values, keeps repeats in order, and leaves out undefined and empty values", () => {
    expect(
      withQuery("https://x.test/a", [
        ["q", "a b&c"],
        ["n", 3],
        ["t", true],
        ["p", undefined],
        ["e", ""],
      ]),
    ).to.equal("https://x.test/a?q=a%20b%26c&n=3&t=true");
    expect(
      withQuery("https://x.test/a", [
        ["r", "'Tab'!A1"],
        ["r", "B2"],
      ]),
    ).to.equal("https://x.test/a?r='Tab'!A1&r=B2");
    expect(withQuery("https://x.test/a", [["p", undefined]])).to.equal("https://x.test/a");
  });

  it("is what the Sheets, Drive and Gmail URL builders use", () => {
    expect(sheetsUrl("id/1", "/values:batchGet", [["ranges", "'My tab'!A2:C"]])).to.equal(
      "https://sheets.googleapis.com/v4/spreadsheets/id%2F1/values:batchGet?ranges='My%20tab'!A2%3AC",
    );
    expect(
      driveUrl("/files", [
        ["q", "'f' in parents"],
        ["pageSize", 1000],
      ]),
    ).to.equal("https://www.googleapis.com/drive/v3/files?q='f'%20in%20parents&pageSize=1000");
    expect(gmailUrl("/labels")).to.equal("https://gmail.googleapis.com/gmail/v1/users/me/labels");
  });
});

describe("google: the SDK's MissingScopesError guard", () => {
  it("knows the SDK's error, also from another copy of the SDK, and nothing else", () => {
    expect(isMissingScopesError(new coda.MissingScopesError("reconnect"))).to.equal(true);
    const copy = Object.assign(new Error("reconnect"), {name: "MissingScopesError"});
    expect(isMissingScopesError(copy)).to.equal(true);
    expect(isMissingScopesError(new coda.UserVisibleError("no"))).to.equal(false);
    expect(isMissingScopesError("MissingScopesError")).to.equal(false);
    expect(isMissingScopesError(undefined)).to.equal(false);
  });
});
