import * as coda from "@codahq/packs-sdk";
import {expect} from "chai";
import {GoogleApiError} from "../../pack/google/errors";
import {isAuthFailure} from "../../pack/ledger/access";

describe("ledger access: isAuthFailure", () => {
  it("reads the status of a GoogleApiError (.status) as well as Coda's StatusCodeError (.statusCode)", () => {
    expect(
      isAuthFailure(new GoogleApiError(403, "The caller does not have permission", "PERMISSION_DENIED", "x")),
    ).to.equal(true);
    expect(isAuthFailure(new GoogleApiError(401, "", "UNAUTHENTICATED", "x"))).to.equal(true);
    expect(
      isAuthFailure(new coda.StatusCodeError(403, {}, {url: "u", method: "GET"}, {body: {}, headers: {}})),
    ).to.equal(true);
    expect(isAuthFailure(new coda.MissingScopesError("x"))).to.equal(true);
    expect(isAuthFailure(new GoogleApiError(404, "File not found", "NOT_FOUND", "x"))).to.equal(false);
    expect(isAuthFailure(new GoogleApiError(500, "", "INTERNAL", "x"))).to.equal(false);
    expect(isAuthFailure(new Error("plain"))).to.equal(false);
  });
});
