package pebble.r5k.timing;

import pebble.r5k.isa.TimingClass;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static pebble.r5k.timing.Confidence.D;
import static pebble.r5k.timing.Confidence.U;
import static pebble.r5k.timing.Confidence.V;
import static pebble.r5k.timing.TimingParam.*;

/**
 * THE list of every timing number of the modelled R5000 on the Algorithmics P-5064, with its source
 * (section numbers refer to the hardware reference {@code shared/reference/r5000-and-p5064.md}) and its
 * confidence. This is the only place a cycle number may be written; semantics and models read the
 * effective values through {@link TimingTable}. No value here is ever tuned to make a benchmark match a
 * paper: [U] values are documented defaults, chosen before any measurement, and overridable with
 * {@code --timing FILE} for what-if studies.
 */
public final class R5000Timing {
    private R5000Timing() {}

    private static final List<TimingParam> PARAMS = build();
    private static final Map<String, TimingParam> BY_KEY = index(PARAMS);

    /** All parameters in documentation order. */
    public static List<TimingParam> params() { return PARAMS; }

    /** The parameter with {@code key}, or null. */
    public static TimingParam get(String key) { return BY_KEY.get(key); }

    /** {@code latency.<class>} key of a timing class: FP_MUL_S → {@code latency.fpMulS}. */
    public static String latencyKey(TimingClass c) { return "latency." + camel(c); }

    public static String repeatKey(TimingClass c) { return "repeat." + camel(c); }

    static String camel(TimingClass c) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char ch : c.name().toLowerCase().toCharArray()) {
            if (ch == '_') { up = true; continue; }
            b.append(up ? Character.toUpperCase(ch) : ch);
            up = false;
        }
        return b.toString();
    }

    private static final String GCC = "GCC 5000.md";
    private static final String GCC3 = "GCC 3.x mips.md";

    private static List<TimingParam> build() {
        List<TimingParam> l = new ArrayList<>();
        // ---- §1.2 latency / repeat per timing class (pipeline cycles; latency = issue-to-dependent-issue) ----
        cls(l, TimingClass.ALU, 1, 1, D, "§1.2: integer ALU, shift, LUI, SLT: MIPS norm; GCC default");
        cls(l, TimingClass.LOAD, 2, 1, V, "§1.2/§1.3: one hardware-interlocked load-delay slot; " + GCC + " r5k_load 2; " + GCC3 + " r5000 load 2");
        cls(l, TimingClass.STORE, 1, 1, V, "§1.2: " + GCC3 + " store 1; cached stores use the one-entry store buffer at full rate (§1.3)");
        cls(l, TimingClass.BRANCH, 1, 1, D, "§1.2/§1.3: branches are ALU-class; one architectural delay slot, no prediction; a link register result is ready like an ALU result");
        cls(l, TimingClass.JUMP, 1, 1, D, "§1.2/§1.3: as branches");
        cls(l, TimingClass.MULT, 5, 5, V, "§1.2: " + GCC + " r5k_imul_si 5, imuldiv*5; " + GCC3 + " r5000 5 5 (compiler model; repeat may be pessimistic, §6.1)");
        cls(l, TimingClass.DMULT, 9, 9, V, "§1.2: " + GCC + " r5k_imul_di 9, imuldiv*9 (compiler model, §6.1)");
        cls(l, TimingClass.DIV, 36, 36, V, "§1.2: " + GCC + " r5k_idiv_si 36; " + GCC3 + " 36 36; IDT RC4650 agrees");
        cls(l, TimingClass.DDIV, 68, 68, V, "§1.2: " + GCC + " r5k_idiv_di 68; IDT RC4650 agrees");
        cls(l, TimingClass.MFHILO, 1, 1, D, "§1.2/§1.3: MFHI/MFLO take 1 cycle once HI/LO are ready and interlock until the multiply/divide finishes");
        cls(l, TimingClass.MTHILO, 1, 1, D, "§1.3: MTHI/MTLO are ALU-like; they wait for a busy multiply/divide unit (the pipeline slips on the busy resource)");
        cls(l, TimingClass.CP0, 2, 1, U, "§1.2: GCC's r5k_load 2 covers coprocessor moves (mfc/mtc), applied to MFC0/MTC0 by analogy; CP0 hazards are not interlocked (§1.3), software pads with NOPs charged at 1 cycle each");
        cls(l, TimingClass.TLB, 1, 1, U, "§1.3: no public figure; TLBP/TLBR/TLBWI/TLBWR hazards are covered by software NOPs (Linux tlbex.c: nop; tlbw; nop)");
        cls(l, TimingClass.ERET, 1, 1, U, "§1.3: ERET has no delay slot; its refetch cost is exception.eret");
        cls(l, TimingClass.WAIT, 1, 1, U, "§1.3: WAIT issues in one cycle and then stalls until an interrupt is pending");
        cls(l, TimingClass.CACHE, 1, 1, U, "§1.3: CACHE ops issue in one cycle; ops that go to memory add their write-back or fill time");
        cls(l, TimingClass.SYNC, 1, 1, D, "§1.3: SYNC issues in one cycle and then waits for the write buffer to drain");
        cls(l, TimingClass.TRAP, 1, 1, D, "§1.2: trap compares are ALU ops; a taken trap adds exception.entry");
        cls(l, TimingClass.SYSCALL, 1, 1, D, "§1.2: issue cost; the exception adds exception.entry");
        cls(l, TimingClass.PREF, 1, 1, U, "MIPS IV PREF issues like a load that writes nothing; no R5000 prefetch figure found");
        cls(l, TimingClass.COP2, 1, 1, D, "no COP2 on the R5000: the instruction raises an exception");
        cls(l, TimingClass.FP_MOVE, 1, 1, V, "§1.2: " + GCC + " r5k_fmove 1 (fabs, fneg, fmove)");
        cls(l, TimingClass.FP_CMP, 1, 1, V, "§1.2: " + GCC + " r5k_fmove 1 (fcmp); " + GCC3 + " fcmp r5000 1 0");
        cls(l, TimingClass.FP_ADD, 4, 1, V, "§1.2: " + GCC3 + " adder, r5000 in the generic 4 0 rule; pipelined (IDT: single-cycle repeat for most FP ALU ops)");
        cls(l, TimingClass.FP_CVT, 4, 1, D, "§1.2: conversions use the FP adder (" + GCC3 + " generic 4 0 rule)");
        cls(l, TimingClass.FP_MUL_S, 4, 1, V, "§1.2: " + GCC + " r5k_fmul_single 4");
        cls(l, TimingClass.FP_MUL_D, 5, 1, V, "§1.2: " + GCC + " r5k_fmul_double 5; repeat 1 (pipelined) is [U]");
        cls(l, TimingClass.FP_MADD_S, 4, 1, V, "§1.2: " + GCC + " r5k_fmul_single covers fmadd SF: 4");
        cls(l, TimingClass.FP_MADD_D, 5, 1, V, "§1.2: " + GCC + " r5k_fmul_double covers fmadd DF: 5; repeat 1 is [U]");
        cls(l, TimingClass.FP_DIV_S, 21, 21, V, "§1.2: " + GCC + " r5k_fdiv_single 21; not pipelined, repeat ≈ latency is [U]");
        cls(l, TimingClass.FP_DIV_D, 36, 36, V, "§1.2: " + GCC3 + " generic DF divide 36; repeat ≈ latency is [U]");
        cls(l, TimingClass.FP_SQRT_S, 21, 21, V, "§1.2: " + GCC + " r5k_fdiv_single covers fsqrt SF: 21; repeat [U]");
        cls(l, TimingClass.FP_SQRT_D, 36, 36, V, "§1.2: " + GCC + " r5k_fsqrt_double 36; repeat [U]");
        cls(l, TimingClass.FP_RECIP_S, 21, 21, V, "§1.2: " + GCC + " r5k_fdiv_single covers frdiv SF: 21; repeat [U]");
        cls(l, TimingClass.FP_RECIP_D, 36, 36, U, "§1.2: no DF reciprocal figure; taken equal to div.d");
        cls(l, TimingClass.FP_RSQRT_S, 21, 21, V, "§1.2: " + GCC + " r5k_fdiv_single covers frsqrt SF: 21; repeat [U]");
        cls(l, TimingClass.FP_RSQRT_D, 36, 36, V, "§1.2: " + GCC + " r5k_fsqrt_double covers frsqrt DF: 36; repeat [U]");
        cls(l, TimingClass.FP_LOAD, 2, 1, V, "§1.2: " + GCC + " r5k_load 2 (fpload, fpidxload)");
        cls(l, TimingClass.FP_STORE, 1, 1, V, "§1.2: " + GCC3 + " store 1");
        cls(l, TimingClass.FP_XFER, 2, 1, V, "§1.2: " + GCC + " r5k_load 2 covers mfc/mtc (MFC1/MTC1); CFC1/CTC1 by analogy");
        cls(l, TimingClass.FP_BRANCH, 1, 1, D, "§1.2: as integer branches; reads FCC written by c.cond (latency 1)");
        cls(l, TimingClass.NONE, 1, 1, D, "a reserved encoding issues, then raises Reserved Instruction (exception.entry)");

        // ---- §1.3 control-flow and exception costs ----
        l.add(p("branch.takenExtra", 0, CYCLES, D,
                "§1.3: Linux hazards.h: the R5000 family has only the single-cycle branch hazard, which the delay slot fills; no extra taken-branch bubble found"));
        l.add(p("branch.likelyAnnulled", 1, CYCLES, U,
                "§1.3 suggested model: an annulled branch-likely slot still occupies one pipeline cycle"));
        l.add(p("exception.entry", 3, CYCLES, U,
                "§1.3/§6.2: no public figure; default 3 cycles of pipeline flush beyond the normal fetch, plus any I-cache miss at the vector"));
        l.add(p("exception.eret", 2, CYCLES, U,
                "§1.3/§6.2: no public figure; default 2 cycles of refetch after ERET (no delay slot)"));
        l.add(p("count.cyclesPerTick", 2, CYCLES, V,
                "§3.2: Count increments every other pipeline cycle (NetBSD CPU_MIPS_DOUBLE_COUNT; GXemul DCOUNT)"));

        // ---- §2.1 L1 geometry ----
        l.add(p("l1i.sizeBytes", 32 * 1024, BYTES, V, "§2.1: IDT RC5000 features; Linux c-r4k.c probe_pcache; Config.IC = 3"));
        l.add(p("l1i.ways", 2, WAYS, V, "§2.1: 2-way set-associative (Linux c-r4k.c; GXemul mips_cpu_types.h)"));
        l.add(p("l1i.lineBytes", 32, BYTES, V, "§2.1: Config.IB = 1"));
        l.add(p("l1d.sizeBytes", 32 * 1024, BYTES, V, "§2.1: Config.DC = 3; NetBSD cache_r5k.c"));
        l.add(p("l1d.ways", 2, WAYS, V, "§2.1"));
        l.add(p("l1d.lineBytes", 32, BYTES, V, "§2.1: Config.DB = 1"));
        l.add(p("l1.restartAfterBeats", 4, BEATS, U,
                "§2.1: the fill is critical-word-first over 4 doubleword beats [V], but whether the pipeline restarts after the first beat is unknown; default: it restarts after the whole line (4), set 1 for critical-word restart"));
        l.add(p("storeBuffer.entries", 1, ENTRIES, V,
                "§1.3: cached stores go through a single-entry store buffer written to the D-cache in the next free cycle: back-to-back loads and stores run at full rate (no stall is modelled)"));
        l.add(p("writeBuffer.entries", 1, ENTRIES, U,
                "§1.3: uncached and write-through stores are posted to the SysAD write buffer and stall only once it is full; its depth on the R5000 is not public, default 1"));

        // ---- §2.2 L2 ----
        l.add(p("l2.sizeBytes", 1024 * 1024, BYTES, D,
                "§2.2: 512 KB / 1 MB / 2 MB by Config.SS; the emulated P-5064 has 1 MB (Config.SS = 1, §3.2 example)"));
        l.add(p("l2.ways", 1, WAYS, V, "§2.2: direct-mapped (NetBSD cache_r5k.c; Linux sc-r5k.c)"));
        l.add(p("l2.lineBytes", 32, BYTES, V, "§2.2: Linux sc-r5k.c SC_LINE 32"));
        l.add(p("l2.firstBeat", 4, SYSCLOCKS, U,
                "§2.2: no public figure; plausible L1 refill from the pipelined burst SRAM of 4-1-1-1 SysClocks: 4 to the first doubleword"));
        l.add(p("l2.nextBeat", 1, SYSCLOCKS, U, "§2.2: 4-1-1-1 burst, 1 SysClock per further doubleword"));
        l.add(p("l2.pageInvalidate", 128, SYSCLOCKS, U,
                "§2.2: Page_Invalidate_S clears 128 tags (4 KB); default one tag-SRAM write per SysClock"));

        // ---- §2.2/§6.3 memory and SysAD ----
        l.add(p("sysclk.divisor", 3, RATIO, U,
                "§2.2/§6.3: SysClock = pipeline clock / Config.EC ratio, unknown for the P-5064. GXemul runs the Algor at 166.56 MHz = 3 × 55.52 MHz = 5 × 33.31 MHz; "
                        + "default 3 (SysClock ≈ 55.5 MHz, the usual R5000 board bus speed; Config.EC = 1 encodes ÷3)"));
        l.add(p("mem.firstBeat", 10, SYSCLOCKS, U,
                "§2.2/§6.3: no public figure; the reference suggests 8-12 SysClocks from address to the first doubleword of a DRAM read, default the midpoint 10. An uncached read pays this SysAD round trip"));
        l.add(p("mem.nextBeat", 2, SYSCLOCKS, U,
                "§2.2/§6.3: the reference suggests 1-2 SysClocks per further doubleword; default 2 (page-mode DRAM of the period)"));
        l.add(p("mem.writeFirstBeat", 4, SYSCLOCKS, U,
                "§1.3: no public figure; a SysAD write is an address cycle, a data cycle and DRAM write recovery: default 4 SysClocks for a single write or the first doubleword of a write-back"));
        return Collections.unmodifiableList(l);
    }

    private static void cls(List<TimingParam> l, TimingClass c, long latency, long repeat, Confidence conf, String source) {
        l.add(p(latencyKey(c), latency, CYCLES, conf, source));
        l.add(p(repeatKey(c), repeat, CYCLES, conf, source));
    }

    /** Row helper: confidence before the (long) source text reads better in the list above. */
    private static TimingParam p(String key, long value, String unit, Confidence conf, String source) {
        return new TimingParam(key, value, unit, source, conf);
    }

    private static Map<String, TimingParam> index(List<TimingParam> params) {
        Map<String, TimingParam> m = new LinkedHashMap<>();
        for (TimingParam p : params) {
            if (m.put(p.key(), p) != null) throw new IllegalStateException("duplicate timing key " + p.key());
        }
        return Collections.unmodifiableMap(m);
    }
}
