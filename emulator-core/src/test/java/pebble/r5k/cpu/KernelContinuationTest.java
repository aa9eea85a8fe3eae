package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.cpu.Cp0Reg.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Regions that go on after a kernel instruction (docs/translator.md, "Kernel instructions") must be invisible.
 * Random kernel code in kseg0, a loop dense in CP0 writes (EntryHi, EntryLo, Index, PageMask, Wired, Context,
 * EPC, Status and Cause writes that make an interrupt takeable right after them, Compare and Count writes,
 * Config writes that make kseg0 uncached and back), TLBWI/TLBWR/TLBP/TLBR, CACHE ops on the loop's own code
 * lines and on data, SYNC, Status writes into user mode (the next fetch from kseg0 is then an address error),
 * and CP0 reads of Random and Count right after them, runs with the same registers, CP0 state, TLB, RAM,
 * cycles and statistics JSON untranslated, translated at the first execution and after 3, in both modes, in
 * slices to random cycle limits (so the bound falls right after kernel instructions too).
 */
class KernelContinuationTest {
    private static final long CODE = 0xFFFFFFFF80001000L, DATA = 0xFFFFFFFF80040000L;
    private static final int SEEDS = 16;
    private static final long BUDGET = 60_000;
    /** Scratch registers of the random code (not a0, a1: the data and code bases; not k0, k1: the handler's). */
    private static final int[] SCRATCH = {T0, T1, T2, T3, T4, T5, T6, T7, S2, S3, S4, S5};

    @Test
    void kernelCodeGoesOnAfterKernelInstructionsIdenticallyTimed() {
        equivalent(true);
    }

    @Test
    void kernelCodeGoesOnAfterKernelInstructionsIdenticallyFunctional() {
        equivalent(false);
    }

    private static void equivalent(boolean timed) {
        long instructions = 0, translated = 0, calls = 0, interrupts = 0, addressErrors = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            for (boolean be : new boolean[] {true, false}) {
                int[] code = program(new SplittableRandom(seed * 7_919L + (be ? 1 : 0)));
                String what = "seed " + seed + (be ? " BE" : " LE") + (timed ? " timed" : " functional");
                Machine reference = run(code, be, timed, 0, seed);
                String expected = MachineStateDump.of(reference, null);
                Machine first = run(code, be, timed, 1, seed);
                assertEquals(expected, MachineStateDump.of(first, null), what + ": translating at the first execution");
                assertEquals(expected, MachineStateDump.of(run(code, be, timed, 3, seed), null),
                        what + ": translating after three");
                instructions += first.cpu().instret;
                translated += first.translatedInstructions();
                calls += first.regionCalls();
                interrupts += first.cpu().cp0.exceptionCount[ExcCode.INT];
                addressErrors += first.cpu().cp0.exceptionCount[ExcCode.ADEL];
            }
        }
        System.out.println((timed ? "timed" : "functional") + ": interrupts " + interrupts + ", address errors " + addressErrors
                + ", translated " + translated + " of " + instructions + " in " + calls + " calls");
        assertTrue(interrupts > 300 && addressErrors > 30, "interrupts " + interrupts + ", address errors " + addressErrors);
        assertTrue(translated > instructions / 2, "translated " + translated + " of " + instructions);
        // About one instruction in four is a kernel instruction: regions that ended at each would run about 4.
        assertTrue(translated > 8 * calls, "translated " + translated + " in " + calls + " region calls");
    }

    private static Machine run(int[] code, boolean be, boolean timed, int translateAfter, int seed) {
        Machine m = Machine.create(be, 2 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        int[] handler = handler();
        m.writeWords(0x80000000L, handler);
        m.writeWords(0x80000180L, handler);
        m.writeWords(CODE, code);
        m.start(CODE);
        Cpu c = m.cpu();
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int r = 1; r < 32; r++) c.gpr[r] = rnd.nextLong();
        c.gpr[A0] = DATA;
        c.gpr[A1] = CODE;
        c.cp0.write(STATUS, SR_IE | 0x8000);
        c.cp0.write(COMPARE, 300 + rnd.nextInt(300));
        for (long limit = 400; limit < BUDGET && !c.halted; limit += 1 + rnd.nextInt(900)) m.run(limit);
        m.run(BUDGET);
        return m;
    }

    /**
     * Both vectors: an interrupt clears the software interrupts and re-arms the timer; any other exception puts
     * the CPU back in kernel mode (KSU = 0) and returns to the next instruction, or to the same one when its
     * fetch failed (BadVAddr = EPC: a Status write left the CPU in user mode in kseg0).
     */
    private static int[] handler() {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, CAUSE).i(Op.ANDI, K0, K0, 0x7C);
        t.word(Op.BNE.match | K0 << 21 | 6);                               // 2: to 9
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.MTC0, ZERO, CAUSE).i(Op.MFC0, K1, COUNT).i(Op.ADDIU, K1, K1, 350).i(Op.MTC0, K1, COMPARE).i(Op.ERET);
        t.i(Op.MFC0, K1, STATUS).i(Op.ADDIU, K0, ZERO, ~SR_KSU_MASK).i(Op.AND, K1, K1, K0).i(Op.MTC0, K1, STATUS);
        t.i(Op.MFC0, K0, EPC).i(Op.MFC0, K1, BADVADDR);
        t.word(Op.BEQ.match | K0 << 21 | K1 << 16 | 3);                    // 15: to 19
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.ADDIU, K0, K0, 4).i(Op.MTC0, K0, EPC);
        return t.i(Op.ERET).array();                                        // 19
    }

    /** A loop of random kernel code: an iteration count in v0, then about 60 instructions, then a jump back. */
    static int[] program(SplittableRandom rnd) {
        TestCode t = new TestCode();
        t.i(Op.ADDIU, V0, V0, 1);
        int lines = 12;
        while (t.words.size() < 60) {
            int k = rnd.nextInt(100);
            if (k < 35) t.word(alu(rnd));
            else if (k < 47) t.i(rnd.nextBoolean() ? Op.LW : Op.SW, any(rnd), 4 * rnd.nextInt(256), A0);
            else if (k < 55) t.i(Op.MFC0, any(rnd), new int[] {RANDOM, COUNT, ENTRYHI, INDEX, STATUS, CAUSE, EPC, WIRED}[rnd.nextInt(8)]);
            else kernel(t, rnd, lines);
        }
        t.word(Op.J.match | (int) ((CODE >>> 2) & 0x03FFFFFF)).i(Op.SLL, 0, 0, 0);
        return t.array();
    }

    private static int any(SplittableRandom rnd) {
        return SCRATCH[rnd.nextInt(SCRATCH.length)];
    }

    private static int alu(SplittableRandom rnd) {
        Op[] ops = {Op.ADDU, Op.SUBU, Op.XOR, Op.OR, Op.AND, Op.SLT, Op.SLL, Op.SRL, Op.ADDIU, Op.XORI};
        Op op = ops[rnd.nextInt(ops.length)];
        int word = op.match | (rnd.nextInt() & ~op.mask);
        if ((op.effects & pebble.r5k.isa.Effects.WRITES_RD) != 0) word = (word & ~(31 << 11)) | any(rnd) << 11;
        if ((op.effects & pebble.r5k.isa.Effects.WRITES_RT) != 0) word = (word & ~(31 << 16)) | any(rnd) << 16;
        return word;
    }

    /** One kernel instruction, with what sets up its operand. */
    private static void kernel(TestCode t, SplittableRandom rnd, int lines) {
        int r = any(rnd);
        switch (rnd.nextInt(15)) {
            case 0 -> t.li(r, rnd.nextInt(8) << 13 | rnd.nextInt(4)).i(Op.MTC0, r, ENTRYHI); // an ASID switch
            case 1 -> t.li(r, rnd.nextInt() & 0x3FFFFFFF).i(Op.MTC0, r, rnd.nextBoolean() ? ENTRYLO0 : ENTRYLO1);
            case 2 -> t.i(Op.ADDIU, r, ZERO, rnd.nextInt(64)).i(Op.MTC0, r, INDEX);
            case 3 -> t.i(Op.ADDIU, r, ZERO, rnd.nextInt(9)).i(Op.MTC0, r, WIRED).i(Op.MFC0, any(rnd), RANDOM);
            case 4 -> t.i(Op.MTC0, any(rnd), rnd.nextBoolean() ? CONTEXT : EPC).i(Op.MTC0, ZERO, PAGEMASK);
            case 5 -> { // Status: interrupts on or off, IM0/IM1/IM7, now and then user mode (the next fetch fails)
                int v = (rnd.nextBoolean() ? SR_IE : 0) | rnd.nextInt(4) << 8 | (rnd.nextBoolean() ? 0x8000 : 0)
                        | (rnd.nextInt(6) == 0 ? 2 << SR_KSU_SHIFT : 0);
                t.i(Op.ORI, r, ZERO, v).i(Op.MTC0, r, STATUS);
            }
            case 6 -> t.i(Op.ORI, r, ZERO, rnd.nextInt(4) << 8).i(Op.MTC0, r, CAUSE); // software interrupts
            case 7 -> t.i(Op.MFC0, r, COUNT).i(Op.ADDIU, r, r, 20 + rnd.nextInt(400)).i(Op.MTC0, r, COMPARE);
            case 8 -> t.i(rnd.nextBoolean() ? Op.TLBWI : Op.TLBWR).i(Op.MFC0, any(rnd), RANDOM);
            case 9 -> t.i(rnd.nextBoolean() ? Op.TLBP : Op.TLBR);
            case 10 -> { // on the loop's own code: invalidate, fill, or a tag store of TagLo 0
                int[] ops = {CacheOps.INDEX_INVALIDATE_I, CacheOps.HIT_INVALIDATE_I, CacheOps.FILL_I, CacheOps.INDEX_STORE_TAG_I};
                t.i(Op.MTC0, ZERO, TAGLO).i(Op.CACHE, ops[rnd.nextInt(ops.length)], 32 * rnd.nextInt(lines), A1);
            }
            case 11 -> t.i(Op.CACHE, rnd.nextBoolean() ? CacheOps.HIT_WRITEBACK_INV_D : CacheOps.INDEX_WRITEBACK_INV_D,
                    32 * rnd.nextInt(32), A0);
            case 12 -> t.word(Op.SYNC.match);
            case 13 -> { // Config.K0 toggled between two attributes (kseg0 cached or not), rarely
                if (rnd.nextInt(4) == 0) t.i(Op.MFC0, r, CONFIG).i(Op.XORI, r, r, 1).i(Op.MTC0, r, CONFIG);
                else t.i(Op.MTC0, ZERO, TAGLO);
            }
            default -> t.i(Op.MFC0, r, COUNT).i(Op.ADDIU, r, r, rnd.nextInt(50)).i(Op.MTC0, r, COUNT);
        }
    }
}
