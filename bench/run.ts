// `npm run bench`: prints every figure beside its target and writes bench/RESULTS.md.
import {cpus, totalmem, platform, release} from "node:os";
import {writeFileSync} from "node:fs";
import * as path from "node:path";
import type {Figure} from "./figures";
import {meets, shown} from "./figures";

type Section = {name: string; load: () => Promise<{bench: () => Promise<Figure[]>}>};

const SECTIONS: Section[] = [
  {name: "runtime", load: () => import("./runtime")},
  {name: "workers", load: () => import("./workers")},
  {name: "screening", load: () => import("./screening")},
  {name: "evasion", load: () => import("./evasion")},
  {name: "findings", load: () => import("./findings")},
  {name: "cap", load: () => import("./cap")},
  {name: "soak", load: () => import("./soak")},
  {name: "bulk", load: () => import("./bulk")},
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const figures: Figure[] = [];
  const failures: string[] = [];
  for (const section of SECTIONS) {
    if (only.length && !only.includes(section.name)) {
      continue;
    }
    const started = Date.now();
    process.stdout.write(`… ${section.name}`);
    try {
      const got = await (await section.load()).bench();
      failures.push(...checkBaselines(got));
      figures.push(...got);
      process.stdout.write(` (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
      print(got);
    } catch (err) {
      failures.push(`${section.name}: ${(err as Error).stack ?? String(err)}`);
      process.stdout.write(` FAILED\n${(err as Error).stack ?? String(err)}\n`);
    }
  }
  // A partial run writes RESULTS.md only when asked (BENCH_WRITE=1), and then says which sections it left out.
  if (!only.length || process.env.BENCH_WRITE === "1") {
    const skipped = SECTIONS.map((s) => s.name).filter((name) => only.length && !only.includes(name));
    writeFileSync(path.join(__dirname, "RESULTS.md"), markdown(figures, failures, skipped));
    console.log(`\nWrote bench/RESULTS.md (${figures.length} figures).`);
  }
  process.exit(failures.length ? 1 : 0);
}

/** A time without a baseline cannot be judged on another machine: every time figure carries one. */
function checkBaselines(figures: Figure[]): string[] {
  return figures
    .filter((f) => ["ms", "s"].includes(f.unit) && !f.baseline)
    .map((f) => `${f.section}: "${f.name}" is a time without a baseline`);
}

function verdict(f: Figure): string {
  const ok = meets(f);
  if (ok === undefined) {
    return "";
  }
  return `${ok ? "met" : "NOT MET"} (target ${f.target?.op} ${f.target?.value.toLocaleString("en")})`;
}

function ratio(f: Figure): string {
  if (!f.baseline) {
    return "";
  }
  const r = f.baseline.value ? f.value / f.baseline.value : NaN;
  return `${r >= 1 ? r.toFixed(1) : r.toPrecision(2)}× ${f.baseline.name} (${f.baseline.value.toLocaleString("en")} ${f.unit})`;
}

function print(figures: Figure[]): void {
  let last = "";
  for (const f of figures) {
    if (f.section !== last) {
      console.log(`  ${f.section}`);
      last = f.section;
    }
    const parts = [verdict(f), ratio(f), f.note ?? ""].filter(Boolean).join("; ");
    console.log(`    ${f.name.padEnd(60)} ${shown(f).padStart(16)}  ${parts}`);
  }
}

function markdown(figures: Figure[], failures: string[], skipped: string[]): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const lines = [
    "# Benchmark results",
    "",
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} × ${cpu}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${platform()} ${release()}, Node ${process.version}.`,
    "Google is the local emulator (loopback, no latency added), so request counts are exact and times exclude Google's own latency.",
    ...(skipped.length ? ["", `Sections not run this time: ${skipped.join(", ")}.`] : []),
    "",
    "| Section | Figure | Value | Target | Baseline / ratio | Note |",
    "| --- | --- | ---: | --- | --- | --- |",
    ...figures.map(
      (f) => `| ${f.section} | ${f.name} | ${shown(f)} | ${verdict(f) || "—"} | ${ratio(f) || "—"} | ${f.note ?? ""} |`,
    ),
  ];
  if (failures.length) {
    lines.push("", "## Sections that failed", "", ...failures.map((f) => `- ${f.split("\n")[0]}`));
  }
  return `${lines.join("\n")}\n`;
}

void main();
