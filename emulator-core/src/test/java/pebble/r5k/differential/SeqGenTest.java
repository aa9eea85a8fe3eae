package pebble.r5k.differential;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Invariants of the generated sequences that keep their results architecturally defined. */
class SeqGenTest {
    private static final int CASES = 3000;

    private static int opcode(int w) { return w >>> 26; }
    private static int rs(int w) { return (w >>> 21) & 31; }
    private static int rt(int w) { return (w >>> 16) & 31; }
    private static int rd(int w) { return (w >>> 11) & 31; }
    private static int funct(int w) { return w & 63; }

    /** Any branch or jump (all have a delay slot); REGIMM rt 0x08..0x0E are the traps with an immediate. */
    static boolean isBranch(int w) {
        int op = opcode(w);
        return op == 1 && (rt(w) & 0x08) == 0 || (op >= 2 && op <= 7) || (op >= 0x14 && op <= 0x17)
                || op == 0 && (funct(w) == 0x08 || funct(w) == 0x09);
    }

    private static long addressOf(int i) { return QemuRunner.bodyAddress(i % 200); }

    /**
     * Index of the instruction a branch or jump at {@code p} goes to (the body's end is its length); for
     * JR/JALR the value the preceding LUI/ORI pair loaded into rs.
     */
    private static int targetIndex(int[] b, int p, long base) {
        int w = b[p], op = opcode(w);
        long addr;
        if (op == 2 || op == 3) {
            addr = ((base + 4L * (p + 1)) & ~0x0FFF_FFFFL) | ((long) (w & 0x03FF_FFFF) << 2);
        } else if (op == 0) {
            assertTrue(p >= 2 && opcode(b[p - 2]) == 0x0F && opcode(b[p - 1]) == 0x0D
                    && rt(b[p - 2]) == rs(w) && rt(b[p - 1]) == rs(w) && rs(b[p - 1]) == rs(w), "JR/JALR after LUI/ORI");
            addr = ((long) (b[p - 2] & 0xFFFF) << 16) | (b[p - 1] & 0xFFFF);
            if (funct(w) == 0x09) assertNotEquals(rs(w), rd(w), "JALR rd == rs");
        } else {
            return p + 1 + (short) w;
        }
        assertEquals(0, (addr - base) & 3);
        return (int) ((addr - base) / 4);
    }

    private static boolean isMfHiLo(int w) {
        return opcode(w) == 0 && (funct(w) == 0x10 || funct(w) == 0x12);
    }

    private static boolean writesHiLo(int w) {
        return opcode(w) == 0 && (funct(w) == 0x11 || funct(w) == 0x13 || (funct(w) >= 0x18 && funct(w) <= 0x1F));
    }

    private static boolean isMem(int w) {
        return opcode(w) >= 0x1A && opcode(w) != 0x1C && opcode(w) != 0x1D && opcode(w) != 0x1E && opcode(w) != 0x1F;
    }

    private static int memWidth(int w) {
        return switch (opcode(w)) {
            case 0x20, 0x24, 0x28 -> 1;
            case 0x21, 0x25, 0x29 -> 2;
            case 0x23, 0x27, 0x2B -> 4;
            case 0x37, 0x3F, 0x34, 0x3C -> 8;
            case 0x30, 0x38 -> 4;
            default -> 1; // LWL/LWR/LDL/LDR/SWL/SWR/SDL/SDR: any byte address
        };
    }

    private static int mergeWidth(int w) {
        return switch (opcode(w)) {
            case 0x22, 0x26, 0x2A, 0x2E -> 4;
            case 0x1A, 0x1B, 0x2C, 0x2D -> 8;
            default -> memWidth(w);
        };
    }

    /** The GPR an instruction writes, or 0. */
    private static int written(int w) {
        int op = opcode(w);
        if (op == 0) {
            int f = funct(w);
            return (f >= 0x11 && f <= 0x13 && f != 0x12) || (f >= 0x18 && f <= 0x1F) ? 0 : rd(w);
        }
        if (op == 3 || op == 1 && rt(w) >= 0x10) return 31;
        if (op == 1 && !isBranch(w)) return 0; // a trap
        if (isBranch(w)) return 0;
        if (op >= 0x28 && op <= 0x2E || op == 0x3F) return 0; // stores
        return rt(w);
    }

    @Test
    void sameSeedSameSequences() {
        for (Mode m : Mode.values()) {
            SeqGen a = new SeqGen(m, 42), b = new SeqGen(m, 42);
            for (int i = 0; i < 50; i++) {
                TestCase x = a.next(i), y = b.next(i);
                assertArrayEquals(x.body(), y.body());
                assertArrayEquals(x.initGpr(), y.initGpr());
                assertArrayEquals(x.scratch(), y.scratch());
            }
        }
    }

    @Test
    void branchesStayInsideAndSlotsAreSafe() {
        for (Mode m : Mode.values()) {
            SeqGen g = new SeqGen(m, 7);
            int branches = 0, jumps = 0, links = 0, selfSlot = 0;
            for (int i = 0; i < CASES; i++) {
                TestCase c = g.next(i, addressOf(i));
                int[] b = c.body();
                for (int p = 0; p < b.length; p++) {
                    if (!isBranch(b[p])) continue;
                    branches++;
                    if (opcode(b[p]) == 0 || opcode(b[p]) == 2 || opcode(b[p]) == 3) jumps++;
                    if (written(b[p]) == 31 || opcode(b[p]) == 0 && funct(b[p]) == 9) links++;
                    if (opcode(b[p]) == 1 && rt(b[p]) >= 0x10) assertNotEquals(31, rs(b[p]), "*AL with rs = $31");
                    assertTrue(p + 1 < b.length, "branch needs its slot inside the sequence\n" + c.listing());
                    assertFalse(isBranch(b[p + 1]), "branch in a delay slot\n" + c.listing());
                    assertFalse(isMfHiLo(b[p + 1]), "MFHI/MFLO in a delay slot\n" + c.listing());
                    int t = targetIndex(b, p, addressOf(i));
                    assertTrue(t >= p + 1 && t <= b.length, "target out of the sequence\n" + c.listing());
                    if (t == p + 1) {
                        int s = b[p + 1], d = rd(s);
                        assertTrue(opcode(s) == 0 && (funct(s) >= 0x24 && funct(s) <= 0x27 || funct(s) == 0x2A)
                                && (d == 0 || d != rs(s) && d != rt(s)), "slot that runs twice must be idempotent\n" + c.listing());
                        selfSlot++;
                    }
                }
            }
            assertTrue(branches > CASES, "branches are generated: " + branches);
            assertTrue(jumps > CASES / 4 && links > CASES / 4, "jumps " + jumps + ", links " + links);
            assertTrue(selfSlot > CASES / 40, "branches to their own delay slot: " + selfSlot);
        }
    }

    @Test
    void llScPairsAreDefined() {
        for (Mode m : Mode.values()) {
            SeqGen g = new SeqGen(m, 23);
            int pairs = 0;
            for (int i = 0; i < CASES; i++) {
                TestCase c = g.next(i, addressOf(i));
                int[] b = c.body();
                for (int p = 0; p < b.length; p++) {
                    int op = opcode(b[p]);
                    if (op != 0x30 && op != 0x34) {
                        assertFalse(op == 0x38 || op == 0x3C, "SC without its LL\n" + c.listing());
                        continue;
                    }
                    if (m == Mode.O32) assertEquals(0x30, op, "LLD in o32\n" + c.listing());
                    int q = p + 1;
                    while (q < b.length && !isMem(b[q]) && !isBranch(b[q])) q++;
                    assertTrue(q < b.length && q - p <= 4, "LL ends with its SC\n" + c.listing());
                    assertEquals(op + 8, opcode(b[q]), "SC of the LL's width\n" + c.listing());
                    assertEquals((short) b[p], (short) b[q], "same address\n" + c.listing());
                    pairs++;
                    p = q;
                }
            }
            assertTrue(pairs > CASES / 4, "LL/SC pairs: " + pairs);
        }
    }

    @Test
    void hiLoHazardWindowIsRespected() {
        for (Mode m : Mode.values()) {
            SeqGen g = new SeqGen(m, 11);
            for (int i = 0; i < CASES; i++) {
                TestCase c = g.next(i, addressOf(i));
                int[] b = c.body();
                for (int p = 0; p < b.length; p++) {
                    if (!isMfHiLo(b[p])) continue;
                    for (int q = p + 1; q <= p + 2 && q < b.length; q++) {
                        assertFalse(writesHiLo(b[q]) || isBranch(b[q]), "HI/LO hazard at " + q + "\n" + c.listing());
                    }
                }
            }
        }
    }

    @Test
    void memoryAccessesStayInTheScratchBufferAndReservedRegistersAreUntouched() {
        for (Mode m : Mode.values()) {
            SeqGen g = new SeqGen(m, 13);
            for (int i = 0; i < CASES; i++) {
                TestCase c = g.next(i, addressOf(i));
                for (int w : c.body()) {
                    if (isMem(w)) {
                        assertEquals(SeqGen.BASE, rs(w), "base register\n" + c.listing());
                        int off = (short) w, width = memWidth(w);
                        assertEquals(0, off % width, "alignment\n" + c.listing());
                        assertTrue(off >= 0 && off + mergeWidth(w) <= SeqGen.SCRATCH, "offset " + off + "\n" + c.listing());
                    }
                    int r = written(w);
                    assertTrue(r == 0 || SeqGen.isUsable(r), "writes reserved $" + r + "\n" + c.listing());
                }
            }
        }
    }

    @Test
    void o32CasesUseNo64BitOperationsAndStartSignExtended() {
        SeqGen g = new SeqGen(Mode.O32, 17);
        for (int i = 0; i < CASES; i++) {
            TestCase c = g.next(i);
            for (long v : c.initGpr()) assertEquals((int) v, v);
            for (String s : c.asm()) {
                String mn = s.split(" ")[0];
                boolean wide = mn.startsWith("d") && !mn.startsWith("div")
                        || java.util.Set.of("ld", "ldl", "ldr", "sd", "sdl", "sdr", "lwu").contains(mn);
                assertFalse(wide, s + "\n" + c.listing());
            }
        }
    }

    @Test
    void chainedBodiesKeepTheHazardWindowAcrossBoundariesAndBranchInsideTheirBody() {
        SeqGen g = new SeqGen(Mode.N32, 19);
        java.util.List<Integer> all = new java.util.ArrayList<>();
        int[] first = g.next(0).body();
        for (int w : first) all.add(w);
        for (int i = 1; i < 2000; i++) {
            int[] b = g.continued(i).body();
            assertEquals(0x0F, opcode(b[0]), "a continued body starts by loading a fresh constant (LUI)");
            for (int p = 0; p < b.length; p++) {
                if (isBranch(b[p])) assertTrue(p + 1 + (short) b[p] <= b.length, "branch leaves its body");
            }
            for (int w : b) all.add(w);
        }
        for (int p = 0; p < all.size(); p++) {
            if (!isMfHiLo(all.get(p))) continue;
            for (int q = p + 1; q <= p + 2 && q < all.size(); q++) {
                assertFalse(writesHiLo(all.get(q)) || isBranch(all.get(q)), "HI/LO hazard at instruction " + q);
            }
        }
    }

    /**
     * The traps with an immediate are generated, each kind with the immediates whose sign-extension matters
     * (0x8000 and others with bit 15 set). That they never trap is what the QEMU differential checks.
     */
    @Test
    void trapsWithImmediatesCoverEveryKindAndNegativeImmediates() {
        java.util.Map<String, Integer> negative = new java.util.TreeMap<>();
        for (Mode m : Mode.values()) {
            SeqGen g = new SeqGen(m, 23);
            for (int i = 0; i < CASES; i++) {
                for (String s : g.next(i).asm()) {
                    String mn = s.split(" ")[0];
                    if (!java.util.Set.of("tgei", "tgeiu", "tlti", "tltiu", "teqi", "tnei").contains(mn)) continue;
                    negative.merge(mn, s.endsWith(",-32768") || s.matches(".*,-\\d+") ? 1 : 0, Integer::sum);
                }
            }
        }
        assertEquals(java.util.Set.of("tgei", "tgeiu", "tlti", "tltiu", "teqi", "tnei"), negative.keySet());
        for (String mn : new String[] {"tgeiu", "tlti", "teqi", "tnei"}) {
            assertTrue(negative.get(mn) > 10, mn + " with a negative immediate: " + negative);
        }
    }
}
