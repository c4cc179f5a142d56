// The layers, one way only: core <- google <- ledger <- coda <- formulas, sync-tables <- pack/pack.ts.
// `npm test` runs `depcruise` with this file; any import against the direction fails the run. The emulator stands
// apart: it imports nothing of the packs or the tests, and pack code imports nothing of it.
const PACK_CODE = "^(pack|formulas|sync-tables|companions)/";
const layer = (name, path, mayNotImport, comment) => ({
  name,
  comment,
  severity: "error",
  from: {path},
  to: {path: mayNotImport},
});
module.exports = {
  forbidden: [
    layer(
      "core-is-pure",
      "^pack/core/",
      "^(pack/(google|ledger|coda|pack\\.ts)|formulas|sync-tables)|@codahq/packs-sdk",
      "pack/core holds the decisions: no SDK, no Google, no ledger, nothing that shows",
    ),
    layer(
      "google-is-thin",
      "^pack/google/",
      "^(pack/(ledger|coda|pack\\.ts)|formulas|sync-tables)",
      "pack/google wraps Google's APIs and knows nothing of the ledger",
    ),
    layer(
      "ledger-below-coda",
      "^pack/ledger/",
      "^(pack/(coda|pack\\.ts)|formulas|sync-tables)",
      "the ledger stores and decides; what Coda shows lives in pack/coda",
    ),
    layer(
      "coda-below-formulas",
      "^pack/coda/",
      "^(pack/pack\\.ts|formulas|sync-tables)",
      "pack/coda shows; formulas and sync tables wire it up",
    ),
    layer("formulas-below-pack", "^(formulas|sync-tables)/", "^pack/pack\\.ts", "only pack/pack.ts registers"),
    // The companion packs (companions/discord, companions/zendesk): separate packs with the same layers.
    layer(
      "companions-stand-alone",
      "^companions/",
      "^(pack|formulas|sync-tables)/",
      "a companion is its own pack: nothing of the main pack may enter its bundle",
    ),
    layer("companions-apart-discord", "^companions/discord/", "^companions/zendesk/", "each companion is its own pack"),
    layer("companions-apart-zendesk", "^companions/zendesk/", "^companions/discord/", "each companion is its own pack"),
    // companions/shared: the code both companions bundle, each its own copy; it has the same layers and knows neither.
    layer(
      "companions-shared-knows-neither",
      "^companions/shared/",
      "^companions/(?!shared/)",
      "companions/shared serves both companions and imports from neither",
    ),
    layer(
      "companion-core-is-pure",
      "^companions/[^/]+/core/",
      "^companions/[^/]+/(api|coda|formulas|sync-tables|pack\\.ts)|@codahq/packs-sdk",
      "a companion's core decides: no SDK, no API, nothing that shows",
    ),
    layer(
      "companion-api-is-thin",
      "^companions/[^/]+/api/",
      "^companions/[^/]+/(coda|formulas|sync-tables|pack\\.ts)",
      "a companion's api wraps its service and knows nothing of Coda's shapes",
    ),
    layer(
      "companion-coda-below-formulas",
      "^companions/[^/]+/coda/",
      "^companions/[^/]+/(formulas|sync-tables|pack\\.ts)",
      "a companion's coda folder shows; formulas and sync tables wire it up",
    ),
    layer(
      "companion-formulas-below-pack",
      "^companions/[^/]+/(formulas|sync-tables)/",
      "^companions/[^/]+/pack\\.ts",
      "only the companion's pack.ts registers",
    ),
    {
      name: "formulas-reach-google-through-the-ledger",
      comment:
        "a formula or sync table wires parameters to core and ledger calls; Google is called from pack/google through pack/ledger",
      severity: "error",
      from: {path: "^(formulas|sync-tables)/"},
      to: {path: "^pack/google/", pathNot: "^pack/google/scopes\\.ts$", dependencyTypesNot: ["type-only"]},
    },
    layer(
      "emulator-stands-alone",
      "^emulator/",
      "^(pack|formulas|sync-tables|companions|test|bench|scripts)/",
      "the emulator models Google, Discord and Zendesk from their documentation, not from the code it checks",
    ),
    {
      name: "pack-code-stays-out-of-tests",
      comment: "the bundle holds pack code only",
      severity: "error",
      from: {path: PACK_CODE},
      to: {path: "^(test|emulator|bench|scripts)/"},
    },
    {
      name: "no-circular",
      severity: "error",
      from: {path: PACK_CODE},
      to: {circular: true},
    },
  ],
  options: {
    doNotFollow: {path: "node_modules"},
    tsPreCompilationDeps: true,
    tsConfig: {fileName: "tsconfig.json"},
    exclude: {path: "^(node_modules|build)/"},
  },
};
