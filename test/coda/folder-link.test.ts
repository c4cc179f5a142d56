import {expect} from "chai";
import {folderLink} from "../../pack/coda/workers";

describe("folderLink (Workers' DocumentFolder)", () => {
  it("keeps a URL, turns a bare Drive folder id into its URL, and leaves out anything else", () => {
    expect(folderLink("https://drive.google.com/drive/folders/1AbCdEfGhIj")).to.equal(
      "https://drive.google.com/drive/folders/1AbCdEfGhIj",
    );
    expect(folderLink("1DocsE7KKZ82Z4J08")).to.equal("https://drive.google.com/drive/folders/1DocsE7KKZ82Z4J08");
    expect(folderLink("")).to.equal(undefined);
    expect(folderLink("my folder")).to.equal(undefined);
    expect(folderLink("=IMPORTXML(A1)")).to.equal(undefined);
  });
});
