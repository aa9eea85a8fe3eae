package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;
import static pebble.r5k.isa.Reg.*;

/**
 * Regions of many blocks ({@link RegionShape}) must be invisible, like any region: programs made of the
 * shapes that give them ({@link MultiBlockProgram}: joins, nested loops, jump tables through JR, calls and
 * returns in the page, FP-ALU instructions before internal transfers, stores into later blocks) run the same
 * without translation, translated at the first execution and after three. The run is cut into many short
 * slices at random cycle limits, and timer interrupts arrive throughout, so the bound falls on block starts
 * reached by a goto too. The machine's whole state ({@link MachineStateDump}) must be identical.
 */
class MultiBlockRegionTest {
    private static final int SEEDS = 16;

    @Test
    void timedRegionsOfManyBlocksRunAsTheLoopRuns() {
        Totals t = equivalent(true, false);
        assertTrue(t.dropped > 0, "some regions should find a later block's line rewritten: " + t.dropped);
    }

    @Test
    void functionalRegionsOfManyBlocksRunAsTheLoopRuns() {
        Totals t = equivalent(false, false);
        assertTrue(t.dropped > 0, "stores into later blocks should drop regions: " + t.dropped);
    }

    /** FP-ALU instructions in delay slots and before joins: a transfer after one leaves; the pairing must match. */
    @Test
    void fpAluBeforeInternalTransfers() {
        equivalent(true, true);
    }

    /** The shape of a small region, by hand. */
    @Test
    void discoveryFindsTheBlocksAndTheirCheckRanges() {
        // 0: addiu; 1: beq r1,r2 -> 5; 2: nop (slot); 3: addiu; 4: addiu; 5: addiu (join); 6: bne r1,r0 -> 0;
        // 7: nop (slot); 8: jr ra; 9: nop; 10: reserved; 12: addiu (a block start seen executed); 13: reserved
        int addiu = TestCode.enc(Op.ADDIU, 1, 1, 1), reserved = Op.COP2.match; // (COP2: never translated)
        int[] page = new int[1024];
        page[0] = addiu;
        page[1] = TestCode.enc(Op.BEQ, 1, 2, 3);
        page[3] = addiu;
        page[4] = addiu;
        page[5] = addiu;
        page[6] = TestCode.enc(Op.BNE, 1, 0, -7);
        page[8] = TestCode.enc(Op.JR, RA);
        page[10] = reserved;
        page[12] = addiu;
        page[13] = reserved;
        RegionShape s = RegionShape.discover(0xFFFFFFFF80100000L, page, 0, 1024, 0, new int[] {12, 2}, 96, false);
        assertEquals(11, s.count, "words 0-9 and 12");
        for (int w = 0; w < 13; w++) assertEquals(w < 10 || w == 12, s.in[w], "word " + w);
        boolean[] leaders = new boolean[1024];
        leaders[0] = leaders[5] = leaders[12] = true; // the entry, the join, the seed the JR may reach
        for (int w = 0; w < 32; w++) {
            assertEquals(leaders[w], s.leader[w], "block start at " + w);
        }
        assertTrue(s.slot[2] && s.slot[7] && s.slot[9]);
        assertTrue(s.hasIndirect);
        // Line-entry points: the block starts and word 8 (a new line); each checks the words run from it.
        assertArrayEquals(new int[] {0, 5, 8, 12}, s.checkFrom);
        assertArrayEquals(new int[] {5, 8, 10, 13}, s.checkTo);
        // A seed in a delay slot (2) is not a block; a JR-less region takes no seeds.
        page[8] = Op.J.match | (int) (0x80100000L >>> 2 & 0x03FFFFFF); // back to the entry
        RegionShape noJr = RegionShape.discover(0xFFFFFFFF80100000L, page, 0, 1024, 0, new int[] {12, 2}, 96, false);
        assertFalse(noJr.in[12] || noJr.hasIndirect);
        assertEquals(10, noJr.count);
    }

    /**
     * An always-taken branch (b, bal, beq of a register with itself) is a jump: the words after its slot are not
     * on the path, so a region takes them only as a block some other path reaches.
     */
    @Test
    void theWordsAfterAnAlwaysTakenBranchAreNotItsPath() {
        int addiu = TestCode.enc(Op.ADDIU, 1, 1, 1), nop = 0;
        int[] taken = {TestCode.enc(Op.BEQ, 0, 0, 6), TestCode.enc(Op.BEQ, 7, 7, 6), TestCode.enc(Op.BGEZ, 0, 6),
                TestCode.enc(Op.BGEZAL, 0, 6), TestCode.enc(Op.BLEZ, 0, 6), TestCode.enc(Op.BEQL, 0, 0, 6)};
        for (int b : taken) {
            int[] page = new int[1024];
            java.util.Arrays.fill(page, 0, 16, addiu);
            page[1] = b; // 0: addiu; 1: b -> 8; 2: slot; 3..7: not on the path; 8..: the target
            page[2] = nop;
            for (boolean timed : new boolean[] {true, false}) {
                RegionShape s = RegionShape.discover(0xFFFFFFFF80100000L, page, 0, 1024, 0, new int[0], 96, timed);
                String what = Integer.toHexString(b) + (timed ? " timed" : " functional");
                for (int w = 3; w < 8; w++) assertFalse(s.in[w], what + ": word " + w);
                assertEquals(!timed, s.in[8], what + ": the target (a block of functional regions)");
            }
            assertEquals(3, RegionCompiler.extent(0xFFFFFFFF80100000L, page), Integer.toHexString(b));
        }
        // Conditional ones still fall through.
        int[] page = new int[1024];
        java.util.Arrays.fill(page, 0, 16, addiu);
        page[1] = TestCode.enc(Op.BEQ, 7, 8, 6);
        assertTrue(RegionShape.discover(0xFFFFFFFF80100000L, page, 0, 1024, 0, new int[0], 96, true).in[3]);
    }

    private record Totals(long compiled, long dropped) {}

    private static Totals equivalent(boolean timed, boolean fp) {
        long compiled = 0, dropped = 0, translated = 0, calls = 0;
        for (int seed = 1; seed <= SEEDS; seed++) {
            for (boolean be : new boolean[] {true, false}) {
                MultiBlockProgram.Image image = MultiBlockProgram.generate(new SplittableRandom(seed * 104729L + (be ? 1 : 0)), fp || seed % 3 == 0);
                long[] counts = new long[4];
                String off = run(image, be, timed, 0, seed, counts);
                String first = run(image, be, timed, 1, seed, counts);
                String later = run(image, be, timed, 3, seed, counts);
                String what = "seed " + seed + (be ? " BE" : " LE") + (timed ? " timed" : " functional");
                assertEquals(off, first, what + ": translating at the first execution");
                assertEquals(off, later, what + ": translating after three executions");
                compiled += counts[0];
                dropped += counts[1];
                translated += counts[2];
                calls += counts[3];
            }
        }
        assertTrue(compiled > 200, "the programs should be translated: " + compiled);
        // Regions of one block would run a handful of instructions per call (the pieces' blocks are short; the
        // slices, interrupts, CACHE ops and code stores end calls too).
        assertTrue(translated > (timed ? 4 : 10) * calls, "regions should run many blocks per call: " + translated + " in " + calls + " calls");
        return new Totals(compiled, dropped);
    }

    /** Runs the program in slices up to random cycle limits; returns everything observable, as text. */
    private static String run(MultiBlockProgram.Image image, boolean be, boolean timed, int translateAfter, int seed,
                              long[] counts) {
        Machine m = Machine.create(be, 4 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null);
        m.writeWords(0x80000000L, handler());
        m.writeWords(0x80000180L, handler());
        m.writeWords(MultiBlockProgram.CODE, image.code());
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] data = new int[512];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt();
        m.writeWords(MultiBlockProgram.DATA, data);
        m.writeWords(MultiBlockProgram.TABLES, image.tables());
        m.start(MultiBlockProgram.CODE);
        Cpu c = m.cpu();
        for (int r = 1; r < 32; r++) c.gpr[r] = rnd.nextInt(3) == 0 ? rnd.nextInt(64) : rnd.nextLong();
        c.gpr[S0] = MultiBlockProgram.DATA + 256;
        c.gpr[S1] = MultiBlockProgram.DATA + 1024;
        c.gpr[S2] = MultiBlockProgram.DATA + 1536;
        c.gpr[S3] = MultiBlockProgram.CODE;
        c.gpr[S4] = MultiBlockProgram.TABLES;
        c.cp0.write(12, c.cp0.status | 0x8001 | 0x20000000); // IE, IM7, CU1
        c.cp0.write(11, 900 + rnd.nextInt(300));
        c.requestEventCheck();
        Machine.RunResult r = null;
        for (long limit = 500; limit < 30_000 && !c.halted; limit += 1 + rnd.nextInt(700)) r = m.run(limit);
        r = m.run(30_000);
        counts[0] += m.translationCounts()[0];
        counts[1] += m.translationCounts()[1];
        counts[2] += m.translatedInstructions();
        counts[3] += m.regionCalls();
        return MachineStateDump.of(m, r);
    }

    /** Both vectors: on an interrupt re-arm the timer (Compare = Count + 700) and return; else skip the instruction. */
    private static int[] handler() {
        TestCode t = new TestCode();
        t.i(Op.MFC0, K0, 13).i(Op.ANDI, K0, K0, 0x7C);
        t.word(Op.BNE.match | K0 << 21 | 6);
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.MFC0, K1, 9).i(Op.ADDIU, K1, K1, 700).i(Op.MTC0, K1, 11).i(Op.ERET);
        t.i(Op.SLL, 0, 0, 0);
        t.i(Op.MFC0, K0, 14).i(Op.ADDIU, K0, K0, 4).i(Op.MTC0, K0, 14).i(Op.SLL, 0, 0, 0).i(Op.SLL, 0, 0, 0).i(Op.ERET);
        return t.array();
    }
}
