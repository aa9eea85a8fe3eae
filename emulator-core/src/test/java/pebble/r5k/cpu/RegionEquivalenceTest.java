package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Translated regions must be invisible: the same image gives the same architectural state, cycle count
 * and statistics with translation off, translating every block at its first execution, and translating
 * after a few executions (so a block runs in the loop, then translated, mixing both). The guests are
 * random programs built to stay inside regions: ALU, multiply/divide, loads and stores (some misaligned),
 * branches and jumps inside the code, traps, plus the things regions must leave to the loop or notice:
 * stores into the code itself, CACHE Hit_Invalidate_I, SYNC, Count reads and timer interrupts arriving
 * mid-region.
 */
class RegionEquivalenceTest {
    private static final long CODE = 0xFFFFFFFF80100000L, DATA = 0xFFFFFFFF80200000L;
    private static final int CODE_WORDS = 768;
    /** Registers the random code writes: not the bases s0-s3, not t8 (loop counter), not k0/k1 (the handler's). */
    private static final int[] DEST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 20, 21, 22, 23, 25, 28, 30, 31};

    @Test
    void randomRegionFriendlyCodeRunsIdenticallyTranslatedOrNot() {
        equivalent(true);
    }

    /** The functional loop (--no-timing): memory is coherent, so a store into a region drops it at once. */
    @Test
    void functionalModeToo() {
        equivalent(false);
    }

    /**
     * FP-heavy programs with the FPU on: FP-ALU instructions next to integer ones dual-issue when nothing
     * stops them (§1.1), so translated regions must reproduce every pairing decision of the loop.
     */
    @Test
    void dualIssueOfFpAndIntegerInstructions() {
        fpHeavy = true;
        try {
            equivalent(true);
        } finally {
            fpHeavy = false;
        }
    }

    /** The generator's mode: a third of the straight-line instructions FP-ALU, and the FPU always usable. */
    private static boolean fpHeavy;

    private static void equivalent(boolean timed) {
        int compiled = 0, dropped = 0;
        for (int seed = 1; seed <= 40; seed++) {
            for (boolean be : new boolean[] {true, false}) {
                int[] code = program(new SplittableRandom(seed * 7919L + (be ? 1 : 0)));
                String off = run(code, be, timed, 0, seed);
                String first = run(code, be, timed, 1, seed);
                String later = run(code, be, timed, 3, seed);
                String what = "seed " + seed + (be ? " BE" : " LE");
                assertEquals(off, first, what + ": translating at the first execution");
                assertEquals(off, later, what + ": translating after three executions");
                compiled += lastCompiled;
                dropped += lastDropped;
                lastDropped = 0;
            }
        }
        assertTrue(compiled > 1000, "the random programs should be translated into many regions: " + compiled);
        assertTrue(dropped > 0, "some regions should have found their code rewritten: " + dropped);
    }

    private static int lastCompiled, lastDropped;

    /** Runs the program for a fixed cycle budget; returns everything observable, as text. */
    private static String run(int[] code, boolean be, boolean timed, int translateAfter, int seed) {
        Machine m = Machine.create(be, 8 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.writeWords(0x80000000L, handler());
        m.writeWords(0x80000180L, handler());
        m.writeWords(CODE, code);
        int[] data = new int[512];
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt();
        m.writeWords(DATA, data);
        m.start(CODE);
        Cpu c = m.cpu();
        for (int r = 1; r < 32; r++) c.gpr[r] = rnd.nextInt(3) == 0 ? rnd.nextInt(64) : rnd.nextLong();
        c.gpr[S0] = DATA + 256;
        c.gpr[S1] = DATA + 1024;
        c.gpr[S2] = DATA + 1536;
        c.gpr[S3] = CODE + 4L * rnd.nextInt(CODE_WORDS - 64); // stores through s3 rewrite the code
        // Timer interrupts on (IE, IM7), the first one soon: they must land on the same instruction.
        // Half the programs with the FPU usable (CU1; FR = 1 for some), half taking Coprocessor Unusable.
        int cu1 = seed % 2 == 0 || fpHeavy ? 0x20000000 | (seed % 4 == 0 ? 0x04000000 : 0) : 0;
        c.cp0.write(12, c.cp0.status | 0x8001 | cu1);
        c.cp0.write(11, 700 + rnd.nextInt(300));
        c.requestEventCheck();
        Machine.RunResult r = m.run(60_000);
        lastCompiled = (int) m.translationCounts()[0];
        lastDropped += (int) m.translationCounts()[1];
        return MachineStateDump.of(m, r);
    }

    /** Both vectors: on an interrupt re-arm the timer (Compare = Count + 400) and return; else skip the instruction. */
    private static int[] handler() {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, 13).i(Op.ANDI, K0, K0, 0x7C);
        t.word(Op.BNE.match | K0 << 21 | 6); // to "skip" below (6 words on from the slot)
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.MFC0, K1, 9).i(Op.ADDIU, K1, K1, 400).i(Op.MTC0, K1, 11).i(Op.ERET);
        t.i(Op.SLL, 0, 0, 0);
        // skip:
        t.i(Op.MFC0, K0, 14).i(Op.ADDIU, K0, K0, 4).i(Op.MTC0, K0, 14).i(Op.SLL, 0, 0, 0).i(Op.SLL, 0, 0, 0).i(Op.ERET);
        return t.array();
    }

    private static final Op[] ALU = {Op.ADDU, Op.SUBU, Op.ADDIU, Op.AND, Op.OR, Op.XOR, Op.NOR, Op.SLT, Op.SLTU,
            Op.SLTI, Op.SLTIU, Op.ANDI, Op.ORI, Op.XORI, Op.LUI, Op.SLL, Op.SRL, Op.SRA, Op.SLLV, Op.SRLV, Op.SRAV,
            Op.MOVZ, Op.MOVN, Op.DADDU, Op.DADDIU, Op.DSUBU, Op.DSLL, Op.DSRL32, Op.DSRA, Op.ADD, Op.ADDI, Op.SUB};
    private static final Op[] MULDIV = {Op.MULT, Op.MULTU, Op.DIV, Op.DIVU, Op.DMULT, Op.MFHI, Op.MFLO, Op.MTHI, Op.MTLO};
    private static final Op[] MEM = {Op.LB, Op.LBU, Op.LH, Op.LHU, Op.LW, Op.LWU, Op.LD, Op.SB, Op.SH, Op.SW, Op.SD,
            Op.LWL, Op.LWR, Op.SWL, Op.SWR, Op.LL, Op.SC, Op.PREF};
    private static final Op[] BRANCH = {Op.BEQ, Op.BNE, Op.BLEZ, Op.BGTZ, Op.BLTZ, Op.BGEZ, Op.BEQL, Op.BNEL,
            Op.BLTZAL, Op.BGEZAL, Op.BGEZL};
    /** FP-ALU instructions of every latency class, for the dual-issue test. */
    private static final Op[] FP_ALU = {Op.ADD_S, Op.ADD_D, Op.SUB_D, Op.MUL_S, Op.MUL_D, Op.DIV_S, Op.DIV_D,
            Op.SQRT_S, Op.MOV_D, Op.NEG_S, Op.ABS_D, Op.C_EQ_S, Op.C_LT_D, Op.CVT_D_S, Op.CVT_W_D, Op.MADD_S,
            Op.MOVZ_S, Op.MOVF_D, Op.RECIP_S};
    /** FP loads, stores and moves between register files, and two FP-ALU ops. */
    private static final Op[] FP_MOVE = {Op.LWC1, Op.SWC1, Op.LDC1, Op.SDC1, Op.MTC1, Op.MFC1, Op.DMTC1, Op.DMFC1,
            Op.CFC1, Op.ADD_D, Op.MUL_S};
    private static final Op[] RARE = {Op.TEQ, Op.TNE, Op.TGEI, Op.SYNC, Op.MFC0, Op.MFC0, Op.SYSCALL};

    /**
     * Segments of straight-line code, each ending in a forward branch or jump, a counted loop back to its
     * own start (t8 counts down), or nothing; the last jumps back to the first. Control always moves on,
     * so the whole program runs, and every loop is a region that branches to its own entry.
     */
    static int[] program(SplittableRandom rnd) {
        List<Integer> w = new ArrayList<>();
        List<Integer> fixups = new ArrayList<>(); // positions of forward branches/jumps: target chosen later
        while (w.size() < CODE_WORDS - 40) {
            boolean loop = rnd.nextInt(3) == 0;
            if (loop) w.add(TestCode.enc(Op.ADDIU, T8, 0, 2 + rnd.nextInt(12)));
            int start = w.size();
            int body = 2 + rnd.nextInt(14);
            for (int i = 0; i < body; i++) w.add(body(rnd));
            if (loop) {
                w.add(TestCode.enc(Op.ADDIU, T8, T8, -1));
                Op b = rnd.nextInt(4) == 0 ? Op.BGTZL : Op.BGTZ;
                w.add(b.match | T8 << 21 | ((start - w.size() - 1) & 0xFFFF));
                w.add(body(rnd)); // the delay slot
            } else if (rnd.nextInt(4) != 0) {
                fixups.add(w.size());
                w.add(rnd.nextInt(5) == 0 ? (rnd.nextBoolean() ? Op.J : Op.JAL).match : fields(pick(rnd, BRANCH), rnd));
                w.add(body(rnd));
            }
        }
        int end = w.size();
        w.add(Op.J.match | (int) ((CODE >>> 2) & 0x03FFFFFF));
        w.add(0);
        while (w.size() < CODE_WORDS) w.add(0);
        for (int pos : fixups) {
            int target = Math.min(end, pos + 2 + rnd.nextInt(40));
            int word = w.get(pos);
            if ((word >>> 26) == 2 || (word >>> 26) == 3) {
                w.set(pos, word | (int) (((CODE + 4L * target) >>> 2) & 0x03FFFFFF));
            } else {
                w.set(pos, (word & ~0xFFFF) | ((target - pos - 1) & 0xFFFF));
            }
        }
        int[] a = new int[CODE_WORDS];
        for (int i = 0; i < a.length; i++) a[i] = w.get(i);
        return a;
    }

    /** One straight-line instruction: mostly ALU and memory, sometimes something a region must stop at. */
    private static int body(SplittableRandom rnd) {
        int k = rnd.nextInt(100);
        if (fpHeavy && rnd.nextInt(3) == 0) return fields(pick(rnd, FP_ALU), rnd);
        if (k < 55) return fields(pick(rnd, ALU), rnd);
        if (k < 63) return fields(pick(rnd, MULDIV), rnd);
        if (k < 67) {
            Op op = pick(rnd, FP_MOVE);
            return (op.effects & (pebble.r5k.isa.Effects.LOAD | pebble.r5k.isa.Effects.STORE)) != 0 ? memory(op, rnd) : fields(op, rnd);
        }
        if (k < 93) return memory(pick(rnd, MEM), rnd);
        if (k < 96) {
            // Make stores into the code (through s3) visible to the fetch: write the D-cache line back,
            // then invalidate the I-cache line, so the next fetch there refills with the new words.
            int op = rnd.nextBoolean() ? CacheOps.HIT_WRITEBACK_INV_D : CacheOps.HIT_INVALIDATE_I;
            return Op.CACHE.match | S3 << 21 | op << 16 | ((rnd.nextInt(-4, 4) * 32) & 0xFFFF);
        }
        Op op = pick(rnd, RARE);
        if (op != Op.MFC0) return fields(op, rnd);
        // CP0 reads inside regions: Count (the cycle), Random (the instructions retired), Cause, Status, EPC,
        // BadVAddr, EntryHi, Context.
        int[] cp0 = {9, 9, 1, 1, 13, 12, 14, 8, 10, 4};
        return TestCode.enc(Op.MFC0, DEST[rnd.nextInt(DEST.length)], cp0[rnd.nextInt(cp0.length)]);
    }

    private static Op pick(SplittableRandom rnd, Op[] ops) {
        return ops[rnd.nextInt(ops.length)];
    }

    /** Random free fields, with any destination register moved into {@link #DEST}. */
    private static int fields(Op op, SplittableRandom rnd) {
        int word = op.match | (rnd.nextInt() & ~op.mask);
        if (op == Op.SYSCALL || op == Op.SYNC) return op.match;
        int e = op.effects;
        if ((e & pebble.r5k.isa.Effects.WRITES_RD) != 0) word = (word & ~(31 << 11)) | DEST[rnd.nextInt(DEST.length)] << 11;
        if ((e & pebble.r5k.isa.Effects.WRITES_RT) != 0) word = (word & ~(31 << 16)) | DEST[rnd.nextInt(DEST.length)] << 16;
        return word;
    }

    /** A load or store off s0-s3 with a small offset, aligned nine times in ten. */
    private static int memory(Op op, SplittableRandom rnd) {
        int base = S0 + rnd.nextInt(4);
        int size = switch (op) {
            case LH, LHU, SH -> 2;
            case LW, LWU, SW, LL, SC, LWC1, SWC1 -> 4;
            case LD, SD, LDC1, SDC1 -> 8;
            default -> 1;
        };
        int off = rnd.nextInt(-32, 32) * size;
        if (rnd.nextInt(10) == 0) off += 1;
        int rt = (op.effects & pebble.r5k.isa.Effects.WRITES_RT) != 0 ? DEST[rnd.nextInt(DEST.length)] : rnd.nextInt(32);
        return op.match | base << 21 | rt << 16 | (off & 0xFFFF);
    }
}
