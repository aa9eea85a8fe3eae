package pebble.r5k.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded generator of random forward-branching integer sequences whose results are architecturally defined, so
 * that any difference between QEMU and Pebble is a bug in one of them.
 *
 * <p>What it avoids, and how:
 * <ul>
 * <li>Overflow traps: ADD/SUB/ADDI (and DADD/DSUB/DADDI) are emitted as a group whose operands were first
 *     halved with SRA/DSRA by 1, so the sum cannot overflow.</li>
 * <li>Division by zero: the divisor is first OR-ed with 1 (ORI t,y,1), which keeps its sign.</li>
 * <li>HI/LO hazards (MIPS IV): no instruction writing HI/LO and no branch within two instructions after
 *     MFHI/MFLO; no MFHI/MFLO in a delay slot; no MTHI/MTLO while a MULT/DIV result is still unread.</li>
 * <li>64-bit mode: 32-bit operations whose input must be a sign-extended word (ADDU, SRL, MULT, ...) only
 *     read registers proven to hold one; LWL/LWR only merge into such registers.</li>
 * <li>Branches and jumps only go forward to an instruction of the sequence or its end (or to their own
 *     delay slot, which then holds an idempotent instruction); nothing branches from a delay slot; no
 *     target lands inside a multi-instruction group; JALR never has rd = rs, BLTZAL/BGEZAL(L) never rs = $31.
 *     J/JAL/JR/JALR and the *AL branches need the body's address ({@link #next(int, long)}).</li>
 * <li>LL/SC (LLD/SCD): only LL, register-only instructions, SC of the same width and address, which must
 *     succeed; loads or stores in between would make SC UNPREDICTABLE (QEMU and the R5000 differ there).</li>
 * </ul>
 * Register facts are tracked per program point with a forward data-flow pass that is done while generating
 * (targets are always ahead), meeting the states of all paths that reach a point.
 */
final class SeqGen {
    /** Scratch buffer size in bytes; loads and stores address it through {@link #BASE}. */
    static final int SCRATCH = 64;
    /** $gp holds the scratch buffer address and is never written by a sequence. */
    static final int BASE = 28;
    /** Registers a sequence may read and write: all but $0, $k0, $k1 (harness temporaries), $gp and $sp. */
    static final int[] USABLE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21,
            22, 23, 24, 25, 30, 31};

    static boolean isUsable(int r) {
        return r >= 1 && r <= 25 || r == 30 || r == 31;
    }

    private static final int MAX_BRANCH_SKIP = 6;
    /** Jumps skip over 0-4 instructions after their delay slot. */
    private static final int MAX_JUMP_SKIP = 5;

    private final Mode mode;
    private final Random rnd;

    // --- per-sequence generation state ---
    private int n;
    private final List<Integer> words = new ArrayList<>();
    private final List<String> asm = new ArrayList<>();
    private Facts cur;
    private Facts[] pending;
    /** Instructions still to come inside the MFHI/MFLO hazard window. */
    private int hiloBlock;
    private boolean inSlot;
    /**
     * Virtual address of the current body's first word, or -1 when it is not known (then no J/JAL/JR/JALR
     * and no *AL branches: their targets or link values depend on where the code sits).
     */
    private long codeAddress = -1;

    SeqGen(Mode mode, long seed) {
        this.mode = mode;
        this.rnd = new Random(seed);
    }

    /** What is known at a program point on every path reaching it. */
    private static final class Facts {
        int sext;          // bit r: GPR r holds a sign-extended 32-bit value
        boolean hiSext, loSext;
        boolean unreadProduct; // a MULT/DIV result may still be unread (MTHI/MTLO would be UNPREDICTABLE)

        Facts copy() {
            Facts f = new Facts();
            f.sext = sext;
            f.hiSext = hiSext;
            f.loSext = loSext;
            f.unreadProduct = unreadProduct;
            return f;
        }

        Facts meet(Facts o) {
            Facts f = new Facts();
            f.sext = sext & o.sext;
            f.hiSext = hiSext && o.hiSext;
            f.loSext = loSext && o.loSext;
            f.unreadProduct = unreadProduct || o.unreadProduct;
            return f;
        }
    }

    // ================================================================== test cases

    TestCase next(int index) {
        return next(index, -1);
    }

    /**
     * A test case whose body will run at virtual address {@code codeAddress} (a sign-extended 32-bit address
     * below 0x80000000) in both runs; that enables jumps, jump-and-link and branch-and-link.
     */
    TestCase next(int index, long codeAddress) {
        this.codeAddress = codeAddress;
        long[] gpr = new long[32];
        for (int r : USABLE) gpr[r] = initialValue();
        long hi = initialValue(), lo = initialValue();
        byte[] scratch = new byte[SCRATCH];
        rnd.nextBytes(scratch);

        hiloBlock = 0;
        cur = new Facts();
        cur.sext = 1; // $0
        for (int r : USABLE) if (gpr[r] == (int) gpr[r]) cur.sext |= 1 << r;
        cur.hiSext = hi == (int) hi;
        cur.loSext = lo == (int) lo;
        words.clear();
        asm.clear();
        return new TestCase(index, body(), asm.toArray(new String[0]), gpr, hi, lo, scratch);
    }

    /**
     * A further body that runs right after the previous one ({@link #next} or this), from whatever state
     * that left: it starts from the facts known at the previous body's end (and its pending HI/LO hazards), so chaining any number
     * of them stays free of UNPREDICTABLE operations. Only {@link TestCase#body} and {@link TestCase#asm}
     * are meaningful in the result.
     */
    TestCase continued(int index) {
        codeAddress = -1;
        words.clear();
        asm.clear();
        // Long chains drift towards zeros (AND, SLT, shifts...): each body first loads a few fresh constants.
        for (int k = 2 + rnd.nextInt(3); k > 0; k--) constant(USABLE[rnd.nextInt(USABLE.length)], initialValue());
        return new TestCase(index, body(), asm.toArray(new String[0]), new long[32], 0, 0, new byte[SCRATCH]);
    }

    /** LUI/ORI (and DSLL/ORI for a 64-bit value) loading {@code v} into {@code r}. */
    private void constant(int r, long v) {
        boolean word = v == (int) v;
        int top = (int) (v >>> (word ? 16 : 48)) & 0xFFFF;
        emit(Enc.i(0x0F, 0, r, top), "lui $" + r + "," + top);
        int[] rest = word ? new int[] {(int) v & 0xFFFF}
                : new int[] {(int) (v >>> 32) & 0xFFFF, -1, (int) (v >>> 16) & 0xFFFF, -1, (int) v & 0xFFFF};
        for (int part : rest) {
            if (part < 0) emit(Enc.r(0x38, 0, r, r, 16), "dsll $" + r + ",$" + r + ",16");
            else emit(Enc.i(0x0D, r, r, part), "ori $" + r + ",$" + r + "," + part);
        }
        setSext(r, word);
    }

    /** Random instructions after whatever {@link #words} already holds. */
    private int[] body() {
        n = words.size() + 20 + rnd.nextInt(21);
        pending = new Facts[n + 1];
        inSlot = false;

        while (words.size() < n) {
            mergeAt(words.size());
            if (words.size() + 1 < n && hiloBlock == 0 && rnd.nextInt(100) < 12) {
                controlFlow();
            } else {
                op();
            }
        }
        mergeAt(n); // facts at the end, for a continued body
        int[] body = new int[n];
        for (int i = 0; i < n; i++) body[i] = words.get(i);
        return body;
    }

    private long initialValue() {
        if (mode.is64() && rnd.nextInt(100) < 45) {
            return switch (rnd.nextInt(8)) {
                case 0 -> Long.MAX_VALUE;
                case 1 -> Long.MIN_VALUE;
                case 2 -> 0x0000_0000_FFFF_FFFFL;
                case 3 -> 0x0000_0000_8000_0000L;
                case 4 -> 0xFFFF_FFFF_0000_0000L;
                case 5 -> (long) (rnd.nextInt(2001) - 1000) << (32 + rnd.nextInt(16));
                default -> rnd.nextLong();
            };
        }
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> Integer.MAX_VALUE;
            case 4 -> Integer.MIN_VALUE;
            case 5 -> 0xFFFF;
            case 6 -> rnd.nextBoolean() ? 0x8000 : -0x8000;
            case 7, 8 -> rnd.nextInt(201) - 100;
            default -> rnd.nextInt();
        };
    }

    // ================================================================== control flow

    private void mergeAt(int pos) {
        if (pending[pos] != null) {
            cur = cur.meet(pending[pos]);
            pending[pos] = null;
        }
    }

    /**
     * A forward branch or jump with its delay slot. Without a known code address only the conditional
     * branches without link; with one also BLTZAL/BGEZAL(L), J/JAL and JR/JALR (the target address loaded
     * with LUI/ORI right before).
     */
    private void controlFlow() {
        int pick = codeAddress < 0 ? 0 : rnd.nextInt(10);
        if (pick >= 8 && words.size() + 3 < n) {
            jumpRegister();
        } else if (pick >= 6) {
            jump();
        } else {
            branch(pick >= 4);
        }
    }

    /** A conditional forward branch (plain or likely, with link if {@code link}) with its delay slot. */
    private void branch(boolean link) {
        int pos = words.size();
        int maxSkip = Math.min(MAX_BRANCH_SKIP, n - pos - 1);
        // target = slot + 4*imm, at most the end of the sequence; imm = 0 branches to its own delay slot,
        // which then runs a second time as an ordinary instruction
        int imm = rnd.nextInt(12) == 0 ? 0 : 1 + rnd.nextInt(maxSkip);
        int target = pos + 1 + imm;
        boolean likely = rnd.nextInt(3) == 0;
        int rs = anyReg(), rt;
        String tgt = ".+" + (4 + 4 * imm);
        if (link) {
            // BLTZAL/BGEZAL(L): rs must not be $31 (MIPS IV: not restartable); $0 makes BGEZAL a BAL.
            while (rs == 31) rs = anyReg();
            boolean gez = rnd.nextBoolean();
            String name = (gez ? "bgezal" : "bltzal") + (likely ? "l" : "");
            emit(Enc.i(0x01, rs, 0x10 + (gez ? 1 : 0) + (likely ? 2 : 0), imm), name + " $" + rs + "," + tgt);
            setSext(31, true); // written whether taken or not, before the slot runs
        } else {
            switch (rnd.nextInt(6)) {
                case 0, 1 -> {
                    rt = rnd.nextInt(4) == 0 ? rs : anyReg();
                    boolean eq = rnd.nextBoolean();
                    String name = (eq ? "beq" : "bne") + (likely ? "l" : "");
                    emit(Enc.i((eq ? 0x04 : 0x05) + (likely ? 0x10 : 0), rs, rt, imm),
                            name + " $" + rs + ",$" + rt + "," + tgt);
                }
                case 2, 3 -> {
                    boolean gtz = rnd.nextBoolean();
                    String name = (gtz ? "bgtz" : "blez") + (likely ? "l" : "");
                    emit(Enc.i((gtz ? 0x07 : 0x06) + (likely ? 0x10 : 0), rs, 0, imm), name + " $" + rs + "," + tgt);
                }
                default -> {
                    boolean gez = rnd.nextBoolean();
                    String name = (gez ? "bgez" : "bltz") + (likely ? "l" : "");
                    emit(Enc.i(0x01, rs, (gez ? 1 : 0) + (likely ? 2 : 0), imm), name + " $" + rs + "," + tgt);
                }
            }
        }
        slotAndTarget(target, likely);
    }

    /** J or JAL to an instruction 0-4 past the delay slot (or the end of the body). */
    private void jump() {
        int pos = words.size();
        int target = pos + 2 + rnd.nextInt(Math.min(MAX_JUMP_SKIP, n - pos - 1));
        long addr = codeAddress + 4L * target;
        boolean link = rnd.nextBoolean();
        emit(((link ? 0x03 : 0x02) << 26) | (int) ((addr >>> 2) & 0x03FF_FFFF),
                (link ? "jal 0x" : "j 0x") + Long.toHexString(addr));
        if (link) setSext(31, true);
        slotAndTarget(target, false);
    }

    /** LUI/ORI of the target address into a register, then JR or JALR (rd != rs; rd may be $0 or $31). */
    private void jumpRegister() {
        int pos = words.size() + 2; // the JR itself
        int target = pos + 2 + rnd.nextInt(Math.min(MAX_JUMP_SKIP, n - pos - 1));
        int rs = USABLE[rnd.nextInt(USABLE.length)];
        if (!groupFits(3)) {
            op();
            return;
        }
        constant(rs, codeAddress + 4L * target);
        if (rnd.nextInt(3) == 0) {
            emit(Enc.r(0x08, rs, 0, 0, 0), "jr $" + rs);
        } else {
            int rd = rnd.nextBoolean() ? 31 : dest();
            while (rd == rs) rd = dest(); // MIPS IV: rs == rd is not restartable, UNPREDICTABLE
            emit(Enc.r(0x09, rs, 0, rd, 0), "jalr $" + rd + ",$" + rs);
            setSext(rd, true);
        }
        slotAndTarget(target, false);
    }

    /**
     * For a slot that may run twice: a bitwise or set-on-less-than operation whose destination is neither
     * source, so the second run computes the same value from the same inputs and all facts stay valid.
     */
    private void idempotentOp() {
        int rs = anyReg(), rt = anyReg(), rd = dest();
        while (rd != 0 && (rd == rs || rd == rt)) rd = dest();
        switch (rnd.nextInt(5)) {
            case 0 -> alu3("and", 0x24, rd, rs, rt, Kind.BITWISE);
            case 1 -> alu3("or", 0x25, rd, rs, rt, Kind.BITWISE);
            case 2 -> alu3("xor", 0x26, rd, rs, rt, Kind.BITWISE);
            case 3 -> alu3("nor", 0x27, rd, rs, rt, Kind.BITWISE);
            default -> alu3("slt", 0x2A, rd, rs, rt, Kind.BOOL);
        }
    }

    /** The delay slot after a branch or jump just emitted, and the facts reaching its target. */
    private void slotAndTarget(int target, boolean likely) {
        int pos = words.size() - 1;
        Facts beforeSlot = cur.copy();
        mergeAt(pos + 1);
        inSlot = true;
        if (target == pos + 1) idempotentOp(); else op();
        inSlot = false;
        Facts afterSlot = cur;
        // (a branch to its own slot adds no facts: the slot's second run leaves what its first one did)
        if (target > pos + 1) pending[target] = pending[target] == null ? afterSlot.copy() : pending[target].meet(afterSlot);
        if (likely) cur = afterSlot.meet(beforeSlot); // not taken: the slot is annulled
    }

    // ================================================================== non-branch instructions

    /** One non-branch instruction, or a group of them (never in a delay slot). */
    private void op() {
        for (int attempt = 0; attempt < 50; attempt++) {
            if (tryOp(rnd.nextInt(mode.is64() ? 100 : 62))) return;
        }
        alu3("or", 0x25, dest(), anyReg(), anyReg(), Kind.BITWISE); // always possible
    }

    private enum Kind { WORD, BITWISE, BOOL, WIDE }

    private boolean tryOp(int pick) {
        switch (pick) {
            // ---------------- 32-bit ALU, register operands
            case 0, 1 -> { alu3("addu", 0x21, dest(), wordReg(), wordReg(), Kind.WORD); return true; }
            case 2, 3 -> { alu3("subu", 0x23, dest(), wordReg(), wordReg(), Kind.WORD); return true; }
            case 4 -> { alu3("and", 0x24, dest(), anyReg(), anyReg(), Kind.BITWISE); return true; }
            case 5 -> { alu3("or", 0x25, dest(), anyReg(), anyReg(), Kind.BITWISE); return true; }
            case 6 -> { alu3("xor", 0x26, dest(), anyReg(), anyReg(), Kind.BITWISE); return true; }
            case 7 -> { alu3("nor", 0x27, dest(), anyReg(), anyReg(), Kind.BITWISE); return true; }
            case 8, 9 -> { alu3("slt", 0x2A, dest(), anyReg(), anyReg(), Kind.BOOL); return true; }
            case 10, 11 -> { alu3("sltu", 0x2B, dest(), anyReg(), anyReg(), Kind.BOOL); return true; }
            case 12, 13 -> { return addSubTrapping(false); }
            case 14 -> { return addiTrapping(false); }
            // ---------------- immediates
            case 15, 16 -> { imm("addiu", 0x09, dest(), wordReg(), simm(), Kind.WORD); return true; }
            case 17 -> { imm("slti", 0x0A, dest(), anyReg(), simm(), Kind.BOOL); return true; }
            case 18 -> { imm("sltiu", 0x0B, dest(), anyReg(), simm(), Kind.BOOL); return true; }
            case 19 -> { imm("andi", 0x0C, dest(), anyReg(), uimm(), Kind.BOOL); return true; }
            case 20 -> { imm("ori", 0x0D, dest(), anyReg(), uimm(), Kind.BITWISE); return true; }
            case 21 -> { imm("xori", 0x0E, dest(), anyReg(), uimm(), Kind.BITWISE); return true; }
            case 22, 23 -> {
                int rt = dest(), v = uimm();
                emit(Enc.i(0x0F, 0, rt, v), "lui $" + rt + "," + v);
                setSext(rt, true);
                return true;
            }
            // ---------------- 32-bit shifts
            case 24 -> { shiftImm("sll", 0x00, dest(), anyReg(), rnd.nextInt(32), Kind.BOOL); return true; }
            case 25 -> { shiftImm("srl", 0x02, dest(), wordReg(), rnd.nextInt(32), Kind.WORD); return true; }
            case 26 -> { shiftImm("sra", 0x03, dest(), wordReg(), rnd.nextInt(32), Kind.WORD); return true; }
            case 27 -> { shiftVar("sllv", 0x04, dest(), anyReg(), anyReg(), Kind.BOOL); return true; }
            case 28 -> { shiftVar("srlv", 0x06, dest(), wordReg(), anyReg(), Kind.WORD); return true; }
            case 29 -> { shiftVar("srav", 0x07, dest(), wordReg(), anyReg(), Kind.WORD); return true; }
            // ---------------- HI/LO
            case 30, 31 -> { return mulDiv(rnd.nextBoolean() ? "mult" : "multu", false, false); }
            case 32, 33 -> { return mulDiv(rnd.nextBoolean() ? "div" : "divu", true, false); }
            case 34, 35 -> { return moveFromHiLo(); }
            case 36 -> { return moveToHiLo(); }
            // ---------------- conditional moves
            case 37, 38 -> { return conditionalMove(); }
            // ---------------- loads and stores
            case 39 -> { return load("lb", 0x20, 1, Kind.BOOL); }
            case 40 -> { return load("lbu", 0x24, 1, Kind.BOOL); }
            case 41 -> { return load("lh", 0x21, 2, Kind.BOOL); }
            case 42 -> { return load("lhu", 0x25, 2, Kind.BOOL); }
            case 43, 44 -> { return load("lw", 0x23, 4, Kind.BOOL); }
            case 45, 46 -> { return mergeLoad(rnd.nextBoolean() ? "lwl" : "lwr"); }
            case 47 -> { return store("sb", 0x28, 1); }
            case 48 -> { return store("sh", 0x29, 2); }
            case 49, 50 -> { return store("sw", 0x2B, 4); }
            case 51, 52 -> { return store(rnd.nextBoolean() ? "swl" : "swr", 0, 1); }
            case 53 -> { emit(0, "nop"); return true; }
            case 54, 55 -> { return llSc(mode.is64() && rnd.nextBoolean()); }
            case 56, 57, 58, 59, 60 -> { return tryOp(rnd.nextInt(30)); } // weight the ALU
            case 61 -> { return trapImmediate(); }
            // ---------------- 64-bit (n32 mode only)
            case 62, 63, 64 -> { alu3("daddu", 0x2D, dest(), anyReg(), anyReg(), Kind.WIDE); return true; }
            case 65, 66 -> { alu3("dsubu", 0x2F, dest(), anyReg(), anyReg(), Kind.WIDE); return true; }
            case 67, 68 -> { imm("daddiu", 0x19, dest(), anyReg(), simm(), Kind.WIDE); return true; }
            case 69 -> { return addSubTrapping(true); }
            case 70 -> { return addiTrapping(true); }
            case 71 -> { shiftImm("dsll", 0x38, dest(), anyReg(), rnd.nextInt(32), Kind.WIDE); return true; }
            case 72 -> { shiftImm("dsrl", 0x3A, dest(), anyReg(), rnd.nextInt(32), Kind.WIDE); return true; }
            case 73 -> { shiftImm("dsra", 0x3B, dest(), anyReg(), rnd.nextInt(32), Kind.WIDE); return true; }
            case 74 -> { shiftImm("dsll32", 0x3C, dest(), anyReg(), rnd.nextInt(32), Kind.WIDE); return true; }
            case 75 -> { shiftImm("dsrl32", 0x3E, dest(), anyReg(), rnd.nextInt(32), Kind.WIDE); return true; }
            case 76 -> { shiftImm("dsra32", 0x3F, dest(), anyReg(), rnd.nextInt(32), Kind.BOOL); return true; }
            case 77 -> { shiftVar("dsllv", 0x14, dest(), anyReg(), anyReg(), Kind.WIDE); return true; }
            case 78 -> { shiftVar("dsrlv", 0x16, dest(), anyReg(), anyReg(), Kind.WIDE); return true; }
            case 79 -> { shiftVar("dsrav", 0x17, dest(), anyReg(), anyReg(), Kind.WIDE); return true; }
            case 80, 81 -> { return mulDiv(rnd.nextBoolean() ? "dmult" : "dmultu", false, true); }
            case 82, 83 -> { return mulDiv(rnd.nextBoolean() ? "ddiv" : "ddivu", true, true); }
            case 84, 85 -> { return load("ld", 0x37, 8, Kind.WIDE); }
            case 86 -> { return load("lwu", 0x27, 4, Kind.WIDE); }
            case 87, 88 -> { return mergeLoad(rnd.nextBoolean() ? "ldl" : "ldr"); }
            case 89, 90 -> { return store("sd", 0x3F, 8); }
            case 91, 92 -> { return store(rnd.nextBoolean() ? "sdl" : "sdr", 0, 1); }
            default -> { return tryOp(62 + rnd.nextInt(31)); }
        }
    }

    // ---------------------------------------------------------------- ALU helpers

    private void alu3(String name, int funct, int rd, int rs, int rt, Kind kind) {
        emit(Enc.r(funct, rs, rt, rd, 0), name + " $" + rd + ",$" + rs + ",$" + rt);
        setResult(rd, kind, rs, rt);
    }

    private void imm(String name, int opcode, int rt, int rs, int v, Kind kind) {
        emit(Enc.i(opcode, rs, rt, v), name + " $" + rt + ",$" + rs + "," + v);
        setResult(rt, kind, rs, 0);
    }

    private void shiftImm(String name, int funct, int rd, int rt, int sa, Kind kind) {
        emit(Enc.r(funct, 0, rt, rd, sa), name + " $" + rd + ",$" + rt + "," + sa);
        setResult(rd, kind, rt, 0);
    }

    private void shiftVar(String name, int funct, int rd, int rt, int rs, Kind kind) {
        emit(Enc.r(funct, rs, rt, rd, 0), name + " $" + rd + ",$" + rt + ",$" + rs);
        setResult(rd, kind, rt, 0);
    }

    /** Records what a result is known to be: WORD/BOOL always sign-extended, BITWISE if its inputs are. */
    private void setResult(int rd, Kind kind, int a, int b) {
        switch (kind) {
            case WORD, BOOL -> setSext(rd, true);
            case BITWISE -> setSext(rd, isSext(a) && isSext(b));
            case WIDE -> setSext(rd, false);
        }
    }

    /** ADD/SUB (or DADD/DSUB) after halving both operands, so the result cannot overflow. */
    private boolean addSubTrapping(boolean wide) {
        if (!groupFits(3)) return false;
        int x = wide ? anyReg() : wordReg(), y = wide ? anyReg() : wordReg();
        int a = dest(), b = dest();
        if (a == 0 || b == 0 || a == b) return false;
        String sra = wide ? "dsra" : "sra";
        int sraFunct = wide ? 0x3B : 0x03;
        shiftImm(sra, sraFunct, a, x, 1, wide ? Kind.WIDE : Kind.WORD);
        shiftImm(sra, sraFunct, b, y, 1, wide ? Kind.WIDE : Kind.WORD);
        boolean sub = rnd.nextBoolean();
        String name = wide ? (sub ? "dsub" : "dadd") : (sub ? "sub" : "add");
        int funct = wide ? (sub ? 0x2E : 0x2C) : (sub ? 0x22 : 0x20);
        alu3(name, funct, dest(), a, b, wide ? Kind.WIDE : Kind.WORD);
        return true;
    }

    /** ADDI (or DADDI) on a halved operand. */
    private boolean addiTrapping(boolean wide) {
        if (!groupFits(2)) return false;
        int x = wide ? anyReg() : wordReg();
        int a = dest();
        if (a == 0) return false;
        shiftImm(wide ? "dsra" : "sra", wide ? 0x3B : 0x03, a, x, 1, wide ? Kind.WIDE : Kind.WORD);
        imm(wide ? "daddi" : "addi", wide ? 0x18 : 0x08, dest(), a, simm(), wide ? Kind.WIDE : Kind.WORD);
        return true;
    }

    /**
     * A conditional trap with an immediate (TGEI, TGEIU, TLTI, TLTIU, TEQI, TNEI) that must not trap: the
     * instruction before it gives its operand a known range, and the immediate is drawn from the side of that
     * range where the trap cannot fire, edges first (0x8000, 0x7FFF, 0xFFFF, 0). Several of these do trap if
     * the immediate is zero-extended instead of sign-extended: TGEIU 0x8000..0xFFFF on an operand in
     * [0, 2^31), TLTI with a negative immediate on [0, 0x3FFF], TEQI 0x8000 on 0x8000, TNEI on the value
     * ADDIU made from the same immediate.
     */
    private boolean trapImmediate() {
        if (!groupFits(2)) return false;
        int x = wordReg(), t = dest();
        if (t == 0) return false;
        int negative = rnd.nextInt(3) == 0 ? 0x8000 : rnd.nextInt(4) == 0 ? 0xFFFF : 0x8000 + rnd.nextInt(0x8000);
        switch (rnd.nextInt(7)) {
            case 0 -> { // t in [0, 0x3FFF]: t >= imm never for imm in [0x4000, 0x7FFF]
                imm("andi", 0x0C, t, x, 0x3FFF, Kind.BOOL);
                trap("tgei", 0x08, t, rnd.nextBoolean() ? 0x7FFF : 0x4000 + rnd.nextInt(0x4000));
            }
            case 1 -> { // t in [0, 2^31): below any immediate that sign-extends to 2^64 - 2^15 or more
                shiftImm("srl", 0x02, t, x, 1, Kind.WORD);
                trap("tgeiu", 0x09, t, negative);
            }
            case 2 -> { // t in [0, 0x3FFF]: t < imm never for imm <= 0
                imm("andi", 0x0C, t, x, 0x3FFF, Kind.BOOL);
                trap("tlti", 0x0A, t, rnd.nextInt(4) == 0 ? 0 : negative);
            }
            case 3 -> { // t = ~[0, 0x3FFF] in [2^64 - 2^14, 2^64) unsigned: t < imm never
                imm("andi", 0x0C, t, x, 0x3FFF, Kind.BOOL);
                if (!groupFits(2)) { trap("tltiu", 0x0B, t, 0); return true; } // (room for NOR and the trap)
                alu3("nor", 0x27, t, t, 0, Kind.BITWISE);
                trap("tltiu", 0x0B, t, rnd.nextBoolean() ? 0x7FFF : 0x8000 + rnd.nextInt(0x4000));
            }
            case 4 -> { // t in [0, 0x3FFF]: never equal to a negative immediate or one above 0x3FFF
                imm("andi", 0x0C, t, x, 0x3FFF, Kind.BOOL);
                trap("teqi", 0x0C, t, rnd.nextBoolean() ? negative : 0x4000 + rnd.nextInt(0x4000));
            }
            case 5 -> { // t = 0x8000 (ORI zero-extends): TEQI 0x8000 compares with -32768
                imm("ori", 0x0D, t, 0, 0x8000, Kind.BITWISE);
                trap("teqi", 0x0C, t, 0x8000);
            }
            default -> { // t = sign-extended imm (ADDIU): TNEI with the same immediate never traps
                int v = rnd.nextBoolean() ? negative : rnd.nextInt(0x8000);
                imm("addiu", 0x09, t, 0, (short) v, Kind.WORD);
                trap("tnei", 0x0E, t, v);
            }
        }
        return true;
    }

    /** REGIMM trap {@code sub} on rs with the 16-bit immediate {@code v}, printed signed as GNU as reads it. */
    private void trap(String name, int sub, int rs, int v) {
        emit(Enc.i(0x01, rs, sub, v), name + " $" + rs + "," + (short) v);
    }

    // ---------------------------------------------------------------- HI/LO

    private boolean mulDiv(String name, boolean divide, boolean wide) {
        if (hiloBlock > 0) return false;
        int funct = switch (name) {
            case "mult" -> 0x18; case "multu" -> 0x19; case "div" -> 0x1A; case "divu" -> 0x1B;
            case "dmult" -> 0x1C; case "dmultu" -> 0x1D; case "ddiv" -> 0x1E; default -> 0x1F;
        };
        int rs = wide ? anyReg() : wordReg();
        int rt;
        if (divide) {
            if (!groupFits(2)) return false;
            int y = wide ? anyReg() : wordReg();
            rt = dest();
            if (rt == 0) return false;
            imm("ori", 0x0D, rt, y, 1, Kind.BITWISE); // non-zero divisor with the sign of y
        } else {
            rt = wide ? anyReg() : wordReg();
        }
        emit(Enc.r(funct, rs, rt, 0, 0), divide ? name + " $0,$" + rs + ",$" + rt : name + " $" + rs + ",$" + rt);
        cur.hiSext = cur.loSext = !wide;
        cur.unreadProduct = true;
        return true;
    }

    private boolean moveFromHiLo() {
        if (inSlot) return false;
        boolean hi = rnd.nextBoolean();
        int rd = dest();
        emit(Enc.r(hi ? 0x10 : 0x12, 0, 0, rd, 0), (hi ? "mfhi $" : "mflo $") + rd);
        setSext(rd, hi ? cur.hiSext : cur.loSext);
        cur.unreadProduct = false;
        hiloBlock = 2;
        return true;
    }

    private boolean moveToHiLo() {
        if (hiloBlock > 0 || cur.unreadProduct) return false;
        boolean hi = rnd.nextBoolean();
        int rs = anyReg();
        emit(Enc.r(hi ? 0x11 : 0x13, rs, 0, 0, 0), (hi ? "mthi $" : "mtlo $") + rs);
        if (hi) cur.hiSext = isSext(rs); else cur.loSext = isSext(rs);
        return true;
    }

    private boolean conditionalMove() {
        boolean movn = rnd.nextBoolean();
        int rd = dest(), rs = anyReg(), rt = anyReg();
        emit(Enc.r(movn ? 0x0B : 0x0A, rs, rt, rd, 0), (movn ? "movn $" : "movz $") + rd + ",$" + rs + ",$" + rt);
        setSext(rd, isSext(rd) && isSext(rs));
        return true;
    }

    // ---------------------------------------------------------------- memory

    private boolean load(String name, int opcode, int width, Kind kind) {
        int rt = dest();
        int off = width * rnd.nextInt(SCRATCH / width);
        emit(Enc.i(opcode, BASE, rt, off), name + " $" + rt + "," + off + "($" + BASE + ")");
        setResult(rt, kind, 0, 0);
        return true;
    }

    /** LWL/LWR/LDL/LDR: merges into rt; in 64-bit mode LWL/LWR only into a sign-extended register. */
    private boolean mergeLoad(String name) {
        boolean word = name.charAt(1) == 'w';
        int rt = word ? wordDest() : dest();
        if (rt < 0) return false;
        int width = word ? 4 : 8;
        int off = rnd.nextInt(SCRATCH - width + 1);
        int opcode = switch (name) { case "lwl" -> 0x22; case "lwr" -> 0x26; case "ldl" -> 0x1A; default -> 0x1B; };
        emit(Enc.i(opcode, BASE, rt, off), name + " $" + rt + "," + off + "($" + BASE + ")");
        setSext(rt, word);
        return true;
    }

    /**
     * LL (or LLD) then 0-3 register-only instructions then SC (SCD) to the same aligned address: the SC must
     * succeed (rt = 1, the store done). Only this shape is architecturally defined in one user-mode thread:
     * MIPS IV leaves SC UNPREDICTABLE after any load or store between LL and SC, with a different address or
     * width, or without a preceding LL; it only fails for sure after ERET, which user mode cannot run.
     */
    private boolean llSc(boolean dword) {
        int between = rnd.nextInt(4);
        if (!groupFits(2 + between)) return false;
        int width = dword ? 8 : 4;
        int off = width * rnd.nextInt(SCRATCH / width);
        int rt = dest();
        emit(Enc.i(dword ? 0x34 : 0x30, BASE, rt, off), (dword ? "lld $" : "ll $") + rt + "," + off + "($" + BASE + ")");
        setSext(rt, !dword);
        for (int k = 0; k < between; k++) {
            int pick;
            do pick = rnd.nextInt(30); while (pick >= 12 && pick <= 14); // single register-only instructions
            tryOp(pick);
        }
        rt = anyReg();
        emit(Enc.i(dword ? 0x3C : 0x38, BASE, rt, off), (dword ? "scd $" : "sc $") + rt + "," + off + "($" + BASE + ")");
        setSext(rt, true);
        return true;
    }

    private boolean store(String name, int opcode, int width) {
        int rt = anyReg();
        int off;
        if (opcode == 0) {  // unaligned store pair members
            opcode = switch (name) { case "swl" -> 0x2A; case "swr" -> 0x2E; case "sdl" -> 0x2C; default -> 0x2D; };
            int w = name.charAt(1) == 'w' ? 4 : 8;
            off = rnd.nextInt(SCRATCH - w + 1);
        } else {
            off = width * rnd.nextInt(SCRATCH / width);
        }
        emit(Enc.i(opcode, BASE, rt, off), name + " $" + rt + "," + off + "($" + BASE + ")");
        return true;
    }

    // ---------------------------------------------------------------- registers and immediates

    private int dest() {
        return rnd.nextInt(20) == 0 ? 0 : USABLE[rnd.nextInt(USABLE.length)];
    }

    /** A destination that already holds a sign-extended word (for LWL/LWR merges), or -1. */
    private int wordDest() {
        for (int i = 0; i < 8; i++) {
            int r = dest();
            if (isSext(r)) return r;
        }
        return -1;
    }

    private int anyReg() {
        return rnd.nextInt(12) == 0 ? 0 : USABLE[rnd.nextInt(USABLE.length)];
    }

    /** A register holding a sign-extended word (in o32 mode: any). $0 always qualifies. */
    private int wordReg() {
        for (int i = 0; i < 8; i++) {
            int r = anyReg();
            if (isSext(r)) return r;
        }
        return 0;
    }

    private boolean isSext(int r) {
        return !mode.is64() || (cur.sext & (1 << r)) != 0;
    }

    private void setSext(int r, boolean sext) {
        if (r == 0) return;
        if (sext) cur.sext |= 1 << r; else cur.sext &= ~(1 << r);
    }

    private int simm() {
        return switch (rnd.nextInt(6)) {
            case 0 -> 32767;
            case 1 -> -32768;
            case 2, 3 -> rnd.nextInt(33) - 16;
            default -> rnd.nextInt(65536) - 32768;
        };
    }

    private int uimm() {
        return switch (rnd.nextInt(5)) {
            case 0 -> 0xFFFF;
            case 1 -> 0x8000;
            case 2 -> rnd.nextInt(16);
            default -> rnd.nextInt(65536);
        };
    }

    // ---------------------------------------------------------------- emission

    /** Whether a group of {@code len} instructions fits here: not in a slot, in bounds, no branch into it. */
    private boolean groupFits(int len) {
        int pos = words.size();
        if (inSlot || pos + len > n) return false;
        for (int p = pos + 1; p < pos + len; p++) if (pending[p] != null) return false;
        return true;
    }

    private void emit(int word, String text) {
        words.add(word);
        asm.add(text);
        if (hiloBlock > 0) hiloBlock--;
    }
}
