package pebble.r5k.cpu;

import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Op;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

import static pebble.r5k.cpu.Cp0Reg.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Random kernel-style programs for {@link KernelRegionEquivalenceTest}: two user processes (ASIDs 1 and 2, their
 * own code at one virtual address through wired TLB entries, a global page both see) doing random work, data
 * pages of a window mapped on demand by a TLB refill handler (TLBWR), and a general handler that skips faulting
 * instructions, re-arms the timer on an interrupt, and on a SYSCALL switches to the other process (EntryHi
 * ASID write, EPC swap, ERET) after a random mix of TLBWI, TLBR, TLBP, CACHE, SYNC, Status, Wired and Context
 * writes. Registers are shared by both processes; only s0 (data pointer), s1 (global page), t8 (loop counter)
 * and the kernel's k0, k1, gp, fp are kept apart.
 */
final class KernelProgram {
    static final long USER_VA = 0x00400000L, DATA_VA = 0x10000000L, GLOBAL_VA = 0x00600000L;
    /** Physical pages: each process's two code pages, the global page pair, the kernel's save slots. */
    static final long CODE_A = 0x100000L, CODE_B = 0x110000L, GLOBAL_PA = 0x120000L, SAVES = 0xF00;
    static final long START = 0xFFFFFFFF80001000L;
    static final int USER_WORDS = 1400; // crosses into the second code page
    /** Registers user code writes: not s0, s1, t8, k0, k1, gp, fp. */
    private static final int[] DEST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 18, 19, 20, 21, 22, 23, 25, 29, 31};

    private KernelProgram() {}

    /** EntryLo for a 4 KB page at {@code pa}: cacheable write-back, valid, with D and G as given. */
    static long entryLo(long pa, boolean dirty, boolean global) {
        return (pa >>> 12) << 6 | 3 << 3 | (dirty ? 4 : 0) | 2 | (global ? 1 : 0);
    }

    /**
     * The TLB refill handler (vector 0x000): the even/odd pair of BadVAddr's page in the window, at physical
     * ASID << 21 plus the pair's offset in the window; EntryHi already holds VPN2 and the ASID.
     */
    static int[] refill() {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, ENTRYHI).i(Op.ANDI, K1, K0, 0xFF).i(Op.SLL, K1, K1, 21);
        t.i(Op.SRL, K0, K0, 13).i(Op.SLL, K0, K0, 13).i(Op.LUI, GP, DATA_VA >>> 16).i(Op.SUBU, K0, K0, GP);
        t.i(Op.ADDU, K0, K0, K1).i(Op.SRL, K0, K0, 6).i(Op.ORI, K0, K0, 0x1E);
        t.i(Op.MTC0, K0, ENTRYLO0).i(Op.ADDIU, K0, K0, 0x40).i(Op.MTC0, K0, ENTRYLO1).i(Op.SLL, 0, 0, 0);
        return t.i(Op.TLBWR).i(Op.ERET).array();
    }

    /** The general handler (vector 0x180). */
    static int[] general(SplittableRandom rnd) {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, CAUSE).i(Op.ANDI, K0, K0, 0x7C);
        t.word(Op.BEQ.match | K0 << 21 | (11 - 3));                      // 2: to the interrupt path (11)
        t.i(Op.ADDIU, K1, ZERO, 8 << 2);                                  // 3: ExcCode SYSCALL, shifted
        t.word(Op.BEQ.match | K0 << 21 | K1 << 16 | (15 - 5));           // 4: to the SYSCALL path (15)
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.MFC0, K0, EPC).i(Op.ADDIU, K0, K0, 4).i(Op.MTC0, K0, EPC).i(Op.SLL, 0, 0, 0).i(Op.ERET); // 6-10: skip it
        t.i(Op.MFC0, K1, COUNT).i(Op.ADDIU, K1, K1, 250 + rnd.nextInt(400)).i(Op.MTC0, K1, COMPARE).i(Op.ERET); // 11-14
        // 15: SYSCALL. Save the resume point of this ASID, switch to the other, restore its resume point.
        slot(t);
        t.i(Op.MFC0, GP, EPC).i(Op.ADDIU, GP, GP, 4).i(Op.SW, GP, SAVES, K0);
        t.i(Op.MFC0, K1, ENTRYHI).i(Op.XORI, K1, K1, 3).i(Op.MTC0, K1, ENTRYHI);
        slot(t);
        t.i(Op.LW, GP, SAVES, K0).i(Op.MTC0, GP, EPC);
        List<int[]> extras = extras(rnd);
        Collections.shuffle(extras, new java.util.Random(rnd.nextLong()));
        for (int[] e : extras) for (int w : e) t.word(w);
        return t.i(Op.ERET).array();
    }

    /** k0 = the save slot of the running ASID (kseg0 SAVES + 4 * ASID). */
    private static void slot(TestCode t) {
        t.i(Op.MFC0, K1, ENTRYHI).i(Op.ANDI, K1, K1, 0xFF).i(Op.SLL, K1, K1, 2).i(Op.LUI, K0, 0x8000).i(Op.ADDU, K0, K0, K1);
    }

    /** Kernel work done on some SYSCALLs: each snippet with probability one half. */
    private static List<int[]> extras(SplittableRandom rnd) {
        List<int[]> all = new ArrayList<>();
        // TLBWI at Random's index: a data page of the window, ASID-private or global, dirty or not, mapped
        // somewhere else than the refill handler would map it (the old micro-TLB entries must go).
        long pa = 0x600000L + 0x2000L * rnd.nextInt(64);
        long lo = entryLo(pa, rnd.nextBoolean(), rnd.nextInt(3) == 0);
        all.add(new TestCode().i(Op.MFC0, FP, ENTRYHI).i(Op.MFC0, K1, RANDOM).i(Op.MTC0, K1, INDEX)
                .i(Op.LUI, K1, (DATA_VA >>> 16) + 2 * rnd.nextInt(16)).i(Op.ANDI, GP, FP, 0xFF).i(Op.OR, K1, K1, GP)
                .i(Op.MTC0, K1, ENTRYHI).li(K1, (int) lo).i(Op.MTC0, K1, ENTRYLO0).i(Op.ADDIU, K1, K1, 0x40)
                .i(Op.MTC0, K1, ENTRYLO1).i(Op.TLBWI).i(Op.MTC0, FP, ENTRYHI).array());
        // TLBR of a random entry (it loads EntryHi, so the ASID is put back), and TLBP of EntryHi.
        all.add(new TestCode().i(Op.MFC0, FP, ENTRYHI).i(Op.MFC0, K1, RANDOM).i(Op.MTC0, K1, INDEX).i(Op.TLBR)
                .i(Op.MFC0, K1, ENTRYLO0).i(Op.MTC0, FP, ENTRYHI).array());
        all.add(new TestCode().i(Op.TLBP).i(Op.MFC0, FP, INDEX).array());
        // CACHE on the handlers' own lines (kseg0) or on the user code (mapped, the new ASID).
        int[] ops = {CacheOps.INDEX_INVALIDATE_I, CacheOps.HIT_INVALIDATE_I, CacheOps.HIT_WRITEBACK_INV_D,
                CacheOps.INDEX_WRITEBACK_INV_D};
        int op = ops[rnd.nextInt(ops.length)];
        all.add(rnd.nextBoolean()
                ? new TestCode().i(Op.LUI, K1, 0x8000).i(Op.CACHE, op, 32 * rnd.nextInt(16), K1).array()
                : new TestCode().i(Op.LUI, K1, USER_VA >>> 16).i(Op.CACHE, op, 32 * rnd.nextInt(128), K1).array());
        all.add(new TestCode().word(Op.SYNC.match).array());
        // Status: timer interrupts off or back on (IM7), the mode bits kept.
        all.add(new TestCode().i(Op.MFC0, K1, STATUS).i(Op.XORI, K1, K1, 0x8000).i(Op.MTC0, K1, STATUS).array());
        all.add(new TestCode().i(Op.ADDIU, K1, ZERO, 3).i(Op.MTC0, K1, WIRED).i(Op.MTC0, ZERO, CONTEXT).array());
        all.add(new TestCode().i(Op.MFC0, FP, COUNT).i(Op.MFC0, GP, RANDOM).i(Op.DMFC0, K1, EPC).i(Op.DMTC0, K1, EPC).array());
        all.removeIf(e -> rnd.nextBoolean());
        return all;
    }

    /** One process's code: segments of random work, forward branches, counted loops, a jump back to the start. */
    static int[] user(SplittableRandom rnd) {
        List<Integer> w = new ArrayList<>();
        List<Integer> fixups = new ArrayList<>();
        while (w.size() < USER_WORDS - 40) {
            boolean loop = rnd.nextInt(4) == 0;
            if (loop) w.add(TestCode.enc(Op.ADDIU, T8, 0, 2 + rnd.nextInt(6)));
            int start = w.size();
            int body = 2 + rnd.nextInt(14);
            for (int i = 0; i < body; i++) w.add(body(rnd));
            if (loop) {
                w.add(TestCode.enc(Op.ADDIU, T8, T8, -1));
                w.add(Op.BGTZ.match | T8 << 21 | ((start - w.size() - 1) & 0xFFFF));
                w.add(plain(rnd));
            } else if (rnd.nextInt(3) == 0) {
                fixups.add(w.size());
                int k = rnd.nextInt(8);
                Op b = k == 0 ? Op.J : k < 3 ? FP_BRANCH[rnd.nextInt(FP_BRANCH.length)] : rnd.nextBoolean() ? Op.BNE : Op.BEQL;
                boolean gpr = b == Op.BNE || b == Op.BEQL;
                w.add(gpr ? b.match | DEST[rnd.nextInt(DEST.length)] << 21 | rnd.nextInt(32) << 16 : b.match);
                w.add(plain(rnd));
            }
        }
        int end = w.size();
        w.add(Op.J.match | (int) ((USER_VA >>> 2) & 0x03FFFFFF));
        w.add(0);
        for (int pos : fixups) {
            int target = Math.min(end, pos + 2 + rnd.nextInt(40));
            int word = w.get(pos);
            if ((word >>> 26) == 2) w.set(pos, word | (int) (((USER_VA + 4L * target) >>> 2) & 0x03FFFFFF));
            else w.set(pos, (word & ~0xFFFF) | ((target - pos - 1) & 0xFFFF));
        }
        int[] a = new int[w.size()];
        for (int i = 0; i < a.length; i++) a[i] = w.get(i);
        return a;
    }

    private static final Op[] ALU = {Op.ADDU, Op.SUBU, Op.ADDIU, Op.AND, Op.OR, Op.XOR, Op.SLT, Op.SLTU, Op.ORI,
            Op.XORI, Op.LUI, Op.SLL, Op.SRL, Op.SRAV, Op.MOVZ, Op.MOVN, Op.ADD, Op.MULT, Op.MFLO, Op.MFHI, Op.DIVU};
    private static final Op[] MEM = {Op.LB, Op.LBU, Op.LH, Op.LW, Op.LWU, Op.LD, Op.SB, Op.SH, Op.SW, Op.SD,
            Op.LWL, Op.SWR, Op.LL, Op.SC};
    /**
     * FP branches on condition code 0 (never set: BC1F taken, BC1T not, BC1TL annulled), forward in the code:
     * branches where the process has CU1, Coprocessor Unusable where it has not.
     */
    private static final Op[] FP_BRANCH = {Op.BC1F, Op.BC1T, Op.BC1FL, Op.BC1TL};
    /** Kernel instructions in user mode (Coprocessor Unusable, skipped by the handler), and BREAK. */
    private static final Op[] PRIVILEGED = {Op.MTC0, Op.TLBWI, Op.ERET, Op.CACHE, Op.BREAK, Op.BC1F, Op.TLBP};

    /**
     * A delay-slot instruction: ALU or memory, or now and then an MTC0 to any register (Coprocessor Unusable in
     * user mode; a region holds one to a register whose write changes nothing else, even in a slot).
     */
    private static int plain(SplittableRandom rnd) {
        if (rnd.nextInt(12) == 0) return Op.MTC0.match | (rnd.nextInt() & ~Op.MTC0.mask & 0xFFFF);
        return rnd.nextInt(3) == 0 ? memory(rnd) : fields(ALU[rnd.nextInt(ALU.length)], rnd);
    }

    private static int body(SplittableRandom rnd) {
        int k = rnd.nextInt(100);
        if (k < 55) return fields(ALU[rnd.nextInt(ALU.length)], rnd);
        if (k < 78) return memory(rnd);
        if (k < 84) return TestCode.enc(Op.LUI, S0, (DATA_VA >>> 16) + rnd.nextInt(32)); // another data page pair
        if (k < 90) return Op.SYSCALL.match;
        if (k < 93) return Op.SYNC.match;
        Op op = PRIVILEGED[rnd.nextInt(PRIVILEGED.length)];
        return op.match | (op == Op.BREAK ? 0 : rnd.nextInt() & ~op.mask & 0xFFFF);
    }

    private static int fields(Op op, SplittableRandom rnd) {
        int word = op.match | (rnd.nextInt() & ~op.mask);
        int e = op.effects;
        if ((e & pebble.r5k.isa.Effects.WRITES_RD) != 0) word = (word & ~(31 << 11)) | DEST[rnd.nextInt(DEST.length)] << 11;
        if ((e & pebble.r5k.isa.Effects.WRITES_RT) != 0) word = (word & ~(31 << 16)) | DEST[rnd.nextInt(DEST.length)] << 16;
        return word;
    }

    /** A load or store off s0 (the data window) or s1 (the global page), aligned nine times in ten. */
    private static int memory(SplittableRandom rnd) {
        Op op = MEM[rnd.nextInt(MEM.length)];
        int size = switch (op) {
            case LH, SH -> 2;
            case LW, LWU, SW, LL, SC -> 4;
            case LD, SD -> 8;
            default -> 1;
        };
        int off = rnd.nextInt(0, 64) * size + (rnd.nextInt(10) == 0 ? 1 : 0);
        int rt = (op.effects & pebble.r5k.isa.Effects.WRITES_RT) != 0 ? DEST[rnd.nextInt(DEST.length)] : rnd.nextInt(32);
        return op.match | (rnd.nextInt(3) == 0 ? S1 : S0) << 21 | rt << 16 | (off & 0xFFFF);
    }
}
