package pebble.r5k.timing;

import pebble.r5k.isa.TimingClass;

/**
 * Renders {@code docs/timing.md} from {@link R5000Timing}. The committed file is drift-tested against
 * this rendering; regenerate it with {@code TimingDocWriter.main(path)} (see the test's failure message).
 */
public final class TimingDocWriter {
    private TimingDocWriter() {}

    public static String render() {
        TimingTable t = TimingTable.defaults();
        StringBuilder b = new StringBuilder();
        b.append("# R5000 / P-5064 timing parameters\n\n");
        b.append("<!-- Generated from pebble.r5k.timing.R5000Timing by TimingDocWriter: do not edit by hand. -->\n\n");
        b.append("Every cycle number the emulator uses, with its unit, source and confidence. Section numbers (§)\n");
        b.append("refer to the hardware reference `r5000-and-p5064.md`. Confidence: **V** a source states it, **D** derived\n");
        b.append("from stated facts, **U** unverified: a documented default where the public record is silent.\n");
        b.append("No value is tuned to match a benchmark. `pebble run --timing FILE` overrides values by key for\n");
        b.append("what-if studies (`key = value [unit]` lines, `#` comments); `--stats-json` embeds the effective table.\n\n");

        b.append("## Latency and repeat per timing class\n\n");
        b.append("Pipeline cycles. Latency is the issue-to-dependent-issue distance (a dependent instruction stalls\n");
        b.append("`latency - 1` cycles right behind its producer); repeat is how long the unit stays busy.\n\n");
        b.append("| class | `latency.*` | `repeat.*` | conf. | source |\n|---|---|---|---|---|\n");
        for (TimingClass c : TimingClass.values()) {
            TimingParam lat = R5000Timing.get(R5000Timing.latencyKey(c));
            TimingParam rep = R5000Timing.get(R5000Timing.repeatKey(c));
            b.append("| ").append(c.name()).append(" (`").append(R5000Timing.camel(c)).append("`) | ")
                    .append(lat.value()).append(" | ").append(rep.value()).append(" | ")
                    .append(lat.confidence()).append(" | ").append(escape(lat.source())).append(" |\n");
        }
        b.append("\n## Other parameters\n\n");
        b.append("| key | value | unit | conf. | source or reason |\n|---|---|---|---|---|\n");
        for (TimingParam p : R5000Timing.params()) {
            if (p.key().startsWith("latency.") || p.key().startsWith("repeat.")) continue;
            b.append("| `").append(p.key()).append("` | ").append(p.value()).append(" | ").append(p.unit())
                    .append(" | ").append(p.confidence()).append(" | ").append(escape(p.source())).append(" |\n");
        }
        b.append("\n## Derived costs (pipeline cycles, with the defaults)\n\n");
        b.append("| cost | formula | cycles |\n|---|---|---|\n");
        row(b, "L1 refill from memory", "sysclk.divisor × (mem.firstBeat + (l1.restartAfterBeats − 1) × mem.nextBeat)", t.memFillCycles);
        row(b, "L1 refill from L2 (L2 hit)", "sysclk.divisor × (l2.firstBeat + (l1.restartAfterBeats − 1) × l2.nextBeat)", t.l2FillCycles);
        row(b, "uncached read (SysAD round trip)", "sysclk.divisor × mem.firstBeat", t.uncachedReadCycles);
        row(b, "posted write (uncached / write-through store)", "sysclk.divisor × mem.writeFirstBeat", t.writeCycles);
        row(b, "dirty line write-back", "sysclk.divisor × (mem.writeFirstBeat + 3 × mem.nextBeat)", t.writebackCycles);
        row(b, "Page_Invalidate_S", "sysclk.divisor × l2.pageInvalidate", t.l2PageInvalidateCycles);
        b.append("\n## The model in one page\n\n");
        b.append("* Timing is on by default in `pebble run`; `--no-timing` selects the functional fast mode (one cycle per\n");
        b.append("  instruction, no caches: memory is always coherent, CACHE is a no-op).\n");
        b.append("* Hot code runs as translated regions (docs/translator.md) that give exactly the loop's cycles;\n");
        b.append("  `--no-translate` runs every instruction in the loop to cross-check.\n");
        b.append("* One instruction issues per cycle, except that an FP-ALU instruction (the `FP_*` classes other than\n");
        b.append("  FP loads, stores, moves to/from GPRs and FP branches) pairs with one instruction of the other class in\n");
        b.append("  the same cycle (dual issue, §1.1) when the other one issued alone in the previous slot, nothing stalled\n");
        b.append("  in between, and the second has no dependency on the first or a busy unit. An instruction\n");
        b.append("  stalls until its source registers are ready (`latency.*` after their producer issued), HI/LO are\n");
        b.append("  ready for MFHI/MFLO, and a busy multiply/divide or FP divide/sqrt unit is free (`repeat.*`).\n");
        b.append("* Count = cycle / `count.cyclesPerTick`; every cycle figure comes from the one cycle counter.\n");
        b.append("* L1 I and D: functional, data-holding, 2-way, LRU, virtually indexed (VA[13:5]) and physically tagged.\n");
        b.append("  The page's cache attribute (TLB C field, Config.K0 for kseg0) selects: 0 write-through without\n");
        b.append("  allocate, 1 write-through with allocate, 2 uncached, 3 write-back (§2.1). A miss blocks the pipeline\n");
        b.append("  for the refill; a dirty victim is written back first (no write-back buffer is modelled).\n");
        b.append("* L2: 1 MB direct-mapped, tags only, write-through, only for write-back pages, only when Config.SE = 1.\n");
        b.append("  An L1 refill that hits L2 costs the L2 fill, otherwise the memory fill (and L2 allocates).\n");
        b.append("* Uncached reads wait for the write buffer to drain and then pay one SysAD round trip. Uncached and\n");
        b.append("  write-through stores are posted to the write buffer (`writeBuffer.entries`); a store finding it full\n");
        b.append("  stalls until the oldest write has left. SYNC waits for it to drain.\n");
        b.append("* Exceptions cost `exception.entry` after the faulting instruction, ERET `exception.eret` after itself.\n");
        b.append("  WAIT stalls until an interrupt is pending.\n");
        return b.toString();
    }

    private static void row(StringBuilder b, String what, String formula, int cycles) {
        b.append("| ").append(what).append(" | ").append(formula).append(" | ").append(cycles).append(" |\n");
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    /** Writes the rendering to {@code args[0]} (default {@code docs/timing.md}). */
    public static void main(String[] args) throws java.io.IOException {
        java.nio.file.Path out = java.nio.file.Path.of(args.length > 0 ? args[0] : "docs/timing.md");
        java.nio.file.Files.writeString(out, render());
        System.out.println("wrote " + out);
    }
}
