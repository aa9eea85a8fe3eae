package pebble.r5k.cpu;

import pebble.r5k.cache.CacheOps;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static pebble.r5k.isa.Reg.*;

/**
 * Random programs in one page whose control flow makes multi-block regions ({@link RegionShape}): forward
 * branches that join (if/else), nested counted loops, jump tables through JR (the case addresses in data),
 * calls and returns inside the page (JAL/JR ra), FP-ALU instructions in the delay slots of internal
 * transfers and right before a join, and stores that rewrite an instruction of a later block (made visible
 * to the I-cache by CACHE ops, for the timed loop). The pieces follow each other and the last jumps back to
 * the first, so the program runs until the cycle budget ends.
 */
final class MultiBlockProgram {
    static final long CODE = 0xFFFFFFFF80100000L, DATA = 0xFFFFFFFF80200000L;
    /** Where the jump tables live (s4 points there). */
    static final long TABLES = DATA + 2048;
    /**
     * Registers the random code writes: not s0-s5 (bases: data, code, tables, the jump temporary), s6 (a
     * patch's word), t8/t9 (loop counters), k0/k1, ra.
     */
    private static final int[] DEST = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 23, 28, 30};
    private static final Op[] ALU = {Op.ADDU, Op.SUBU, Op.ADDIU, Op.AND, Op.OR, Op.XOR, Op.NOR, Op.SLT, Op.SLTU,
            Op.SLTI, Op.ANDI, Op.ORI, Op.LUI, Op.SLL, Op.SRL, Op.SRA, Op.SRLV, Op.MOVZ, Op.MOVN, Op.DADDU,
            Op.MULT, Op.MFLO, Op.MFHI, Op.DIVU};
    private static final Op[] FP_ALU = {Op.ADD_D, Op.MUL_S, Op.SUB_S, Op.DIV_D, Op.MOV_D, Op.C_LT_D, Op.SQRT_S};
    private static final Op[] MEM = {Op.LW, Op.LBU, Op.LH, Op.SW, Op.SB, Op.LD, Op.SD, Op.LWC1};

    final List<Integer> words = new ArrayList<>();
    /** Jump-table entries: data word index (from TABLES) and the label of its case. */
    private final Map<Integer, Integer> tableEntries = new HashMap<>();
    private final Map<Integer, Integer> bound = new HashMap<>();
    private final List<int[]> fixes = new ArrayList<>(); // {position, label, kind 0: branch16, 1: jump26}
    private final SplittableRandom rnd;
    private final boolean fp;
    private int labels, tableWords;

    private MultiBlockProgram(SplittableRandom rnd, boolean fp) {
        this.rnd = rnd;
        this.fp = fp;
    }

    /** The code words (one page at most) and the jump tables' words. */
    record Image(int[] code, int[] tables) {}

    static Image generate(SplittableRandom rnd, boolean fp) {
        MultiBlockProgram p = new MultiBlockProgram(rnd, fp);
        return p.build();
    }

    private Image build() {
        List<Integer> functions = new ArrayList<>();
        int start = label();
        bind(start);
        while (words.size() < 560) {
            switch (rnd.nextInt(6)) {
                case 0 -> diamond();
                case 1 -> nestedLoop();
                case 2 -> jumpTable();
                case 3 -> {
                    int f = label();
                    functions.add(f);
                    jump(Op.JAL, f);
                    add(slot());
                }
                case 4 -> patch();
                default -> body(2 + rnd.nextInt(6));
            }
        }
        jump(Op.J, start);
        add(slot());
        for (int f : functions) { // leaf functions: a body, then back through ra
            bind(f);
            body(1 + rnd.nextInt(5));
            add(TestCode.enc(Op.JR, RA));
            add(fpSlot());
        }
        if (words.size() > 1000) throw new IllegalStateException("program outgrew its page: " + words.size());
        for (int[] f : fixes) {
            int pos = f[0], target = bound.get(f[1]);
            int w = words.get(pos);
            if (f[2] == 0) w = (w & ~0xFFFF) | ((target - pos - 1) & 0xFFFF);
            else w |= (int) (((CODE + 4L * target) >>> 2) & 0x03FFFFFF);
            words.set(pos, w);
        }
        int[] tables = new int[Math.max(1, tableWords)];
        tableEntries.forEach((k, l) -> tables[k] = (int) (CODE + 4L * bound.get(l)));
        int[] code = new int[words.size()];
        for (int i = 0; i < code.length; i++) code[i] = words.get(i);
        return new Image(code, tables);
    }

    private int label() { return labels++; }

    private void bind(int l) { bound.put(l, words.size()); }

    private void add(int w) { words.add(w); }

    private void branch(Op op, int rs, int rt, int target) {
        fixes.add(new int[] {words.size(), target, 0});
        add(op.match | rs << 21 | rt << 16);
    }

    private void jump(Op op, int target) {
        fixes.add(new int[] {words.size(), target, 1});
        add(op.match);
    }

    /** if (a == b) { then } else { else }: two forward branches that join. */
    private void diamond() {
        int other = label(), join = label();
        Op b = rnd.nextInt(4) == 0 ? Op.BEQL : Op.BEQ;
        branch(b, DEST[rnd.nextInt(DEST.length)], rnd.nextBoolean() ? 0 : DEST[rnd.nextInt(DEST.length)], other);
        add(slot());
        body(1 + rnd.nextInt(4));
        branch(Op.BEQ, 0, 0, join);
        add(fpSlot());
        bind(other);
        body(1 + rnd.nextInt(4));
        if (fp && rnd.nextBoolean()) add(fpAlu()); // an FP-ALU instruction falls into the join
        bind(join);
    }

    /** Two counted loops, one inside the other (t8 outer, t9 inner). */
    private void nestedLoop() {
        int outer = label(), inner = label();
        add(TestCode.enc(Op.ADDIU, T8, 0, 1 + rnd.nextInt(4)));
        bind(outer);
        add(TestCode.enc(Op.ADDIU, T9, 0, 1 + rnd.nextInt(5)));
        bind(inner);
        body(1 + rnd.nextInt(4));
        add(TestCode.enc(Op.ADDIU, T9, T9, -1));
        branch(rnd.nextInt(4) == 0 ? Op.BGTZL : Op.BGTZ, T9, 0, inner);
        add(fpSlot());
        body(rnd.nextInt(3));
        add(TestCode.enc(Op.ADDIU, T8, T8, -1));
        branch(Op.BGTZ, T8, 0, outer);
        add(fpSlot());
    }

    /** switch (x & 3) through a table of case addresses in data: lw, jr; each case branches to the join. */
    private void jumpTable() {
        int cases = 2 + rnd.nextInt(3), join = label(), base = tableWords;
        tableWords += 4;
        add(TestCode.enc(Op.ANDI, S5, DEST[rnd.nextInt(DEST.length)], 3));
        add(TestCode.enc(Op.SLL, S5, S5, 2));
        add(TestCode.enc(Op.ADDU, S5, S5, S4));
        add(TestCode.enc(Op.LW, S5, 4 * base, S5));
        add(TestCode.enc(Op.JR, S5));
        add(slot());
        int[] caseLabels = new int[cases];
        for (int c = 0; c < cases; c++) caseLabels[c] = label();
        for (int k = 0; k < 4; k++) tableEntries.put(base + k, k < cases ? caseLabels[k] : join);
        for (int c = 0; c < cases; c++) {
            bind(caseLabels[c]);
            body(1 + rnd.nextInt(3));
            branch(Op.BEQ, 0, 0, join);
            add(fpSlot());
        }
        bind(join);
    }

    /**
     * A loop that rewrites an instruction of a later block in each turn (an ADDIU whose immediate toggles
     * between two values, through s3, the code's base), half the time made visible to the fetch with CACHE
     * ops (D-cache line written back, I-cache line invalidated). The functional loop sees the store at once,
     * so a region holding the later block must end after it; the timed loop sees it after the CACHE ops, when
     * the later block's line comes back with other words.
     */
    private void patch() {
        int loop = label(), later = label(), target = label();
        int a = TestCode.enc(Op.ADDIU, 1, 1, rnd.nextInt(1, 100)), b = (a & ~0xFFFF) | rnd.nextInt(100, 200);
        add(TestCode.enc(Op.LUI, S6, a >>> 16 & 0xFFFF));
        add(TestCode.enc(Op.ORI, S6, S6, a & 0xFFFF));
        add(TestCode.enc(Op.ADDIU, T8, 0, 2 + rnd.nextInt(3)));
        bind(loop);
        int store = words.size();
        add(Op.SW.match | S3 << 21 | S6 << 16); // the offset is the target's, once laid out
        boolean visible = rnd.nextBoolean();
        if (visible) {
            add(Op.CACHE.match | S3 << 21 | CacheOps.HIT_WRITEBACK_INV_D << 16);
            add(Op.CACHE.match | S3 << 21 | CacheOps.HIT_INVALIDATE_I << 16);
        }
        add(TestCode.enc(Op.XORI, S6, S6, (a ^ b) & 0xFFFF));
        branch(Op.BEQ, 0, 0, later);
        add(slot());
        body(1 + rnd.nextInt(2)); // skipped
        bind(later);
        body(rnd.nextInt(2));
        bind(target);
        add(a);
        add(TestCode.enc(Op.ADDIU, T8, T8, -1));
        branch(Op.BGTZ, T8, 0, loop);
        add(slot());
        int off = bound.get(target) * 4;
        for (int i = store; i < store + (visible ? 3 : 1); i++) words.set(i, words.get(i) | off);
    }

    private void body(int n) {
        for (int i = 0; i < n; i++) {
            int k = rnd.nextInt(10);
            if (fp && k == 0) add(fpAlu());
            else if (k < 3) add(memory());
            else add(fields(ALU[rnd.nextInt(ALU.length)]));
        }
    }

    /** A delay slot: ALU, sometimes a load. */
    private int slot() {
        return rnd.nextInt(5) == 0 ? memory() : fields(ALU[rnd.nextInt(ALU.length)]);
    }

    /** A delay slot of an internal transfer: FP-ALU a third of the time when the FPU is on. */
    private int fpSlot() {
        return fp && rnd.nextInt(3) == 0 ? fpAlu() : slot();
    }

    private int fpAlu() {
        return fields(FP_ALU[rnd.nextInt(FP_ALU.length)]);
    }

    private int memory() {
        Op op = MEM[rnd.nextInt(MEM.length)];
        int size = op == Op.LW || op == Op.SW || op == Op.LWC1 ? 4 : op == Op.LD || op == Op.SD ? 8 : op == Op.LH ? 2 : 1;
        int rt = (op.effects & Effects.WRITES_RT) != 0 ? DEST[rnd.nextInt(DEST.length)] : rnd.nextInt(32);
        return op.match | (S0 + rnd.nextInt(3)) << 21 | rt << 16 | ((rnd.nextInt(-16, 16) * size) & 0xFFFF);
    }

    private int fields(Op op) {
        int word = op.match | (rnd.nextInt() & ~op.mask);
        int e = op.effects;
        if ((e & Effects.WRITES_RD) != 0) word = (word & ~(31 << 11)) | DEST[rnd.nextInt(DEST.length)] << 11;
        if ((e & Effects.WRITES_RT) != 0) word = (word & ~(31 << 16)) | DEST[rnd.nextInt(DEST.length)] << 16;
        return word;
    }
}
