import {expect} from "chai";
import {slaPolicy} from "../../pack/ledger/disputes/sla";
import type {SettingKey} from "../../pack/ledger/store/settings";
import {setting, settingFor, settingRows, SETTINGS_TABLE} from "../../pack/ledger/store/settings";

describe("dispute response targets from Settings", () => {
  it("takes targets per category and calendars per country from Settings", () => {
    const settings = new Map([
      ["DisputeResponseDays", "3"],
      ["DisputeResponseDays.Payment", "1"],
      ["Holidays", "01-01"],
      ["Holidays.MX", "2026-02-02"],
      ["Weekend.SA", "Fri Sat"],
    ]);
    const mx = slaPolicy(settings, "Payment", "mx");
    expect(mx.days).to.equal(1);
    expect([...mx.calendar.holidays]).to.deep.equal(["01-01", "2026-02-02"]);
    expect([...mx.calendar.weekend]).to.deep.equal([6, 7]);
    const sa = slaPolicy(settings, "SuspensionAppeal", "SA");
    expect(sa.days).to.equal(3);
    expect([...sa.calendar.holidays]).to.deep.equal(["01-01"]);
    expect([...sa.calendar.weekend]).to.deep.equal([5, 6]);
    expect(slaPolicy(new Map(), "Other", "").days).to.equal(2);
  });

  it("refuses Settings it cannot read, naming the key", () => {
    expect(() => slaPolicy(new Map([["DisputeResponseDays", "two"]]), "Other", "")).to.throw(
      /DisputeResponseDays = "two"/,
    );
    expect(() => slaPolicy(new Map([["DisputeResponseDays.Payment", "-1"]]), "Payment", "")).to.throw(
      /DisputeResponseDays.Payment = "-1"/,
    );
    expect(() => slaPolicy(new Map([["Holidays.IN", "2026-13-01"]]), "Other", "IN")).to.throw(
      /Settings Holidays.IN: "2026-13-01" is not a date/,
    );
    expect(() => slaPolicy(new Map([["Weekend", "Caturday"]]), "Other", "")).to.throw(
      /Settings Weekend: "Caturday" is not a day/,
    );
  });
});

describe("the Settings table", () => {
  it("reads every key's default when its row is missing or empty", () => {
    for (const key of Object.keys(SETTINGS_TABLE) as SettingKey[]) {
      const fromDefault = setting(new Map([[key, SETTINGS_TABLE[key].default]]), key);
      expect(setting(new Map(), key), key).to.deep.equal(fromDefault);
      expect(setting(new Map([[key, "  "]]), key), key).to.deep.equal(fromDefault);
    }
    expect(setting(new Map(), "InactivityDays")).to.equal(60);
    expect(setting(new Map(), "NoticeSenderName")).to.equal("Trust & Safety team");
  });

  it("writes one row per key, in table order, with the values CreateLedger gives", () => {
    const rows = settingRows({FingerprintKey: "abc", CreatedBy: "lead@example.com"});
    expect(rows.map((r) => r.key)).to.deep.equal(Object.keys(SETTINGS_TABLE));
    expect(rows.find((r) => r.key === "FingerprintKey")?.value).to.equal("abc");
    expect(rows.find((r) => r.key === "Weekend")).to.deep.equal({
      key: "Weekend",
      value: "Sat Sun",
      note: "Days that are not business days. Weekend.AE (and so on) sets one country's.",
    });
  });

  it("reads a key of a family by its prefix, and nothing when it is empty", () => {
    const settings = new Map([
      ["Weekend.AE", "Fri Sat"],
      ["Holidays.MX", " "],
    ]);
    expect(settingFor(settings, "Weekend.", "AE")?.weekend).to.deep.equal([5, 6]);
    expect(settingFor(settings, "Holidays.", "MX")).to.equal(undefined);
    expect(settingFor(settings, "Weekend.", "SA")).to.equal(undefined);
    expect(() =>
      settingFor(new Map([["DisputeResponseDays.Payment", "x"]]), "DisputeResponseDays.", "Payment"),
    ).to.throw(/DisputeResponseDays.Payment = "x"/);
  });

  it("keeps a lenient day count when the value is not a number, and refuses a bad appeal window", () => {
    expect(setting(new Map([["AuditDueDays", "soon"]]), "AuditDueDays")).to.equal(14);
    expect(setting(new Map([["AuditDueDays", "7.9"]]), "AuditDueDays")).to.equal(7);
    expect(() => setting(new Map([["AppealWindowDays", "0"]]), "AppealWindowDays")).to.throw(
      /AppealWindowDays = "0"; use a whole number of days from 1 to 3650/,
    );
  });
});
