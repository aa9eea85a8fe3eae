package pebble.r5k.differential;

import pebble.r5k.Machine;
import pebble.r5k.cpu.Cp0Reg;
import pebble.r5k.cpu.Cpu;

import java.util.List;

/**
 * Pebble's side: the same body words run on a {@link Machine} in kernel mode (where 64-bit operations are
 * legal). Instead of QEMU's prologue the harness writes the registers directly; instead of the dump
 * epilogue the body is followed by a store to sim-control (halt, status 0) and the registers are read from
 * {@code cpu.gpr}. Any exception halts with status {@link #EXCEPTION_STATUS} through a stub at the general
 * vector, so an unexpected trap is reported rather than looping.
 *
 * <p>The body runs at the kuseg address QEMU's program has it at ({@link QemuRunner#bodyAddress}), mapped by
 * the wired TLB entries of {@link Machine#startImage}, so J targets, JR addresses and link values are equal.
 * One machine serves a whole batch: every case gets its own code and scratch addresses, all written before
 * the first run, so nothing depends on predecoded code being invalidated.
 */
final class PebbleRunner {
    static final int EXCEPTION_STATUS = 0xEE;
    /** Kuseg is mapped from physical {@link Machine#KUSEG_PHYS_BASE} up: the code at 6 MB needs 11 MB. */
    private static final long RAM = 16L << 20;
    private static final long VECTOR = 0xFFFF_FFFF_8000_0180L;
    /** Bytes per case available for its body and epilogue. */
    private static final int CODE_ROOM = QemuRunner.CASE_STRIDE - QemuRunner.BODY_OFFSET;
    private static final long SCRATCH_BASE = 0xFFFF_FFFF_8008_0000L;
    /** Generous: a 40-instruction body plus cold-cache misses is far below this. */
    private static final long MAX_CYCLES_PER_CASE = 200_000;

    private static final int[] EPILOGUE = {
        Enc.lui(26, 0xBFFF), Enc.sw(0, 0, 26), Enc.BREAK, Enc.NOP,
    };
    private static final int[] EXCEPTION_STUB = {
        Enc.lui(26, 0xBFFF), Enc.ori(27, 0, EXCEPTION_STATUS), Enc.sw(27, 0, 26), Enc.b(-1), Enc.NOP,
    };

    private final boolean bigEndian;

    /** Translation threshold of the machines this runner makes (0: every instruction in the interpreter). */
    private int translateAfter = Machine.DEFAULT_TRANSLATE_AFTER;

    /**
     * Sets how the cases run: 0 in the interpreter, 1 with every block translated to bytecode at its first
     * execution (docs/translator.md). Returns this runner.
     */
    PebbleRunner translateAfter(int n) {
        translateAfter = n;
        return this;
    }

    PebbleRunner(boolean bigEndian) {
        this.bigEndian = bigEndian;
    }

    /** Result of one case: its final state, or why it did not reach the epilogue. */
    record Outcome(GuestState state, String error) {}

    Outcome[] run(List<TestCase> cases) {
        return run(cases, null);
    }

    /** {@link #run(List)} reporting every retired instruction to {@code trace} (when not null). */
    Outcome[] run(List<TestCase> cases, pebble.r5k.cpu.RetireListener trace) {
        Machine m = Machine.create(bigEndian, RAM, null, null);
        m.setTranslateAfter(translateAfter);
        if (trace != null) m.setTraceListener(trace);
        m.writeWords(VECTOR, EXCEPTION_STUB);
        for (int k = 0; k < cases.size(); k++) {
            TestCase c = cases.get(k);
            if (4 * (c.body().length + EPILOGUE.length) > CODE_ROOM) {
                throw new IllegalStateException("case " + c.index() + " is too long for the code stride");
            }
            writeKuseg(m, codeAddress(k), c.body());
            writeKuseg(m, codeAddress(k) + 4L * c.body().length, EPILOGUE);
            long pa = Machine.kernelPhysical(scratchAddress(k));
            for (int b = 0; b < SeqGen.SCRATCH; b++) m.ram().write8(pa + b, c.scratch()[b]);
        }
        Outcome[] out = new Outcome[cases.size()];
        for (int k = 0; k < cases.size(); k++) out[k] = runOne(m, k, cases.get(k));
        return out;
    }

    /** The same address as in QEMU's program (kuseg), so jump targets and link values agree. */
    private static long codeAddress(int k) { return QemuRunner.bodyAddress(k); }

    /** Code goes where the wired kuseg mapping of {@link Machine#startImage} will find it. */
    private static void writeKuseg(Machine m, long va, int[] words) {
        for (int i = 0; i < words.length; i++) m.ram().write32(Machine.KUSEG_PHYS_BASE + va + 4L * i, words[i]);
    }

    private static long scratchAddress(int k) { return SCRATCH_BASE + (long) k * SeqGen.SCRATCH; }

    private Outcome runOne(Machine m, int k, TestCase c) {
        Cpu cpu = m.cpu();
        m.startImage(codeAddress(k), true); // kernel mode, kuseg mapped by wired TLB entries
        cpu.halted = false;
        java.util.Arrays.fill(cpu.gpr, 0);
        for (int r : SeqGen.USABLE) cpu.gpr[r] = c.initGpr()[r];
        cpu.gpr[SeqGen.BASE] = scratchAddress(k);
        cpu.hi = c.initHi();
        cpu.lo = c.initLo();
        Machine.RunResult rr = m.run(cpu.cycle + MAX_CYCLES_PER_CASE);
        if (!rr.halted() || rr.exitStatus() != 0) {
            String why = !rr.halted() ? "did not finish: " + rr.detail()
                    : rr.exitStatus() == EXCEPTION_STATUS
                    ? String.format("took an exception: ExcCode %d, EPC %x (body offset %x)%s",
                        (cpu.cp0.cause & Cp0Reg.CAUSE_EXC_MASK) >>> Cp0Reg.CAUSE_EXC_SHIFT, cpu.cp0.epc,
                        cpu.cp0.epc - codeAddress(k), (cpu.cp0.cause & Cp0Reg.CAUSE_BD) != 0 ? " in a delay slot" : "")
                    : "halted with status " + rr.exitStatus() + ": " + rr.detail();
            return new Outcome(null, why);
        }
        GuestState s = new GuestState();
        System.arraycopy(cpu.gpr, 0, s.gpr, 0, 32);
        s.hi = cpu.hi;
        s.lo = cpu.lo;
        long pa = Machine.kernelPhysical(scratchAddress(k));
        for (int b = 0; b < SeqGen.SCRATCH; b++) s.scratch[b] = (byte) m.ram().read8(pa + b);
        return new Outcome(s, null);
    }
}
