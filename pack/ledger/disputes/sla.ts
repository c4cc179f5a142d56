// A dispute's response target and business calendar, from the ledger's Settings.
import type {BusinessCalendar} from "../../core/sla";
import type {Settings} from "../store/settings";
import {setting, settingFor} from "../store/settings";

export interface DisputeSlaPolicy {
  days: number;
  calendar: BusinessCalendar;
}

/**
 * The response target and calendar for a dispute of `category` from a worker in `country`:
 * `DisputeResponseDays` (or `DisputeResponseDays.Payment`), `Holidays` plus `Holidays.MX`, and
 * `Weekend` (or `Weekend.AE`). A setting that cannot be read is refused with its key, rather
 * than silently ignored.
 */
export function slaPolicy(settings: Settings, category: string, country: string): DisputeSlaPolicy {
  const cc = country.trim().toUpperCase();
  const days = settingFor(settings, "DisputeResponseDays.", category) ?? setting(settings, "DisputeResponseDays");
  const holidays = new Set(setting(settings, "Holidays").holidays);
  (cc ? settingFor(settings, "Holidays.", cc)?.holidays : undefined)?.forEach((h) => holidays.add(h));
  const weekend = (cc ? settingFor(settings, "Weekend.", cc) : undefined) ?? setting(settings, "Weekend");
  return {days, calendar: {weekend: new Set(weekend.weekend), holidays}};
}
