package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Op;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Method;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The translator calls semantics methods it finds by the Op's name ({@code AluOps.addu} for ADDU). Each such
 * method must be exactly what the interpreter's switch runs for that Op: same registers, memory, PC state
 * and exceptions from the same random state.
 */
class RegionCompilerTest {
    private static final long BASE = 0xFFFFFFFF80010000L;

    @Test
    void directSemanticsAreTheInterpretersOwn() throws Exception {
        int checked = 0;
        for (Op op : Op.values()) {
            Method m = RegionCompiler.DIRECT[op.ordinal()];
            if (m == null) continue;
            m.setAccessible(true);
            SplittableRandom rnd = new SplittableRandom(op.ordinal());
            for (int k = 0; k < 100; k++) {
                int word = op.match | (rnd.nextInt() & ~op.mask);
                long seed = rnd.nextLong();
                Machine a = machine(seed), b = machine(seed);
                int sa = Interpreter.execute(a.cpu(), op.ordinal(), word);
                int sb = (int) m.invoke(null, b.cpu(), word);
                assertEquals(sa, sb, op + " status, word " + Integer.toHexString(word));
                assertEquals(state(a), state(b), op + " state, word " + Integer.toHexString(word));
                checked++;
            }
        }
        assertTrue(checked > 60 * 100, "direct methods found for the common ops: " + checked / 100);
    }

    @Test
    void regionsHoldOnlyWhatTheyCanRunAndStopAtTheRest() {
        assertEquals(RegionCompiler.PLAIN, RegionCompiler.KIND[Op.ADDU.ordinal()]);
        assertEquals(RegionCompiler.CALL, RegionCompiler.KIND[Op.LW.ordinal()]);
        assertEquals(RegionCompiler.CALL, RegionCompiler.KIND[Op.ADD.ordinal()], "ADD traps on overflow");
        assertEquals(RegionCompiler.BRANCH, RegionCompiler.KIND[Op.BEQ.ordinal()]);
        assertEquals(RegionCompiler.CALL, RegionCompiler.KIND[Op.MFC0.ordinal()], "CP0 reads have no side effect");
        assertEquals(RegionCompiler.CALL, RegionCompiler.kindOf(Op.ADD_D.ordinal(), true), "FP-ALU: dual issue is emitted");
        for (Op op : new Op[] {Op.MTC0, Op.DMTC0, Op.TLBWI, Op.ERET, Op.CACHE, Op.SYNC, Op.WAIT, Op.BC1T, Op.SYSCALL}) {
            assertEquals(RegionCompiler.KERNEL, RegionCompiler.kindOf(op.ordinal(), true), op.name());
            assertEquals(RegionCompiler.KERNEL, RegionCompiler.kindOf(op.ordinal(), false), op.name());
        }
        assertEquals(RegionCompiler.STOP, RegionCompiler.kindOf(Op.RESERVED.ordinal(), true));
        assertEquals(RegionCompiler.STOP, RegionCompiler.kindOf(Op.COP2.ordinal(), true));
        // A branch whose delay slot cannot be translated ends the region before the branch.
        int beq = TestCode.enc(Op.BEQ, 1, 2, 8), mtc0 = TestCode.enc(Op.MTC0, 8, 12), addu = TestCode.enc(Op.ADDU, 1, 2, 3);
        assertEquals(1, RegionCompiler.extent(BASE, new int[] {addu, beq, mtc0, addu}));
        // A kernel instruction ends it after itself.
        assertEquals(2, RegionCompiler.extent(BASE, new int[] {addu, mtc0, addu, addu}));
        assertEquals(1, RegionCompiler.extent(BASE, new int[] {mtc0, addu}));
        assertEquals(4, RegionCompiler.extent(BASE, new int[] {addu, beq, addu, addu}));
        // A jump ends it after its slot; so does the end of the page (the slot on the next page: not taken).
        int j = Op.J.match;
        assertEquals(3, RegionCompiler.extent(BASE, new int[] {addu, j, addu, addu}));
        assertEquals(1, RegionCompiler.extent(BASE, new int[] {addu, beq}));
        assertEquals(RegionCompiler.MAX_INSNS, RegionCompiler.extent(BASE, new int[1024]));
    }

    /**
     * The most expensive regions the extent allows still compile to methods C1 and C2 accept: a region whose
     * method would outgrow the target size is translated shorter (RegionCompiler.compile), never longer than
     * {@link RegionCompiler#MAX_INSNS} and never below 16 instructions for these patterns. (A branch keeps its
     * slot, so a cut can give one instruction more than asked: the cuts must still end.)
     */
    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void theLargestRegionsStayBelowTheCompileLimit() {
        RegionCompiler rc = new RegionCompiler(pebble.r5k.timing.TimingTable.defaults());
        int lw = TestCode.enc(Op.LW, 8, 0, 8), sw = TestCode.enc(Op.SW, 8, 4, 8);
        int bne = TestCode.enc(Op.BNE, 8, 9, 0), mult = TestCode.enc(Op.MULT, 8, 9), mflo = TestCode.enc(Op.MFLO, 8);
        int[][] patterns = {{lw}, {lw, bne, sw}, {mult, mflo, bne, lw}, {lw, sw}, {lw, bne}, {bne, lw}};
        int largest = 0;
        for (int[] p : patterns) {
            int[] words = new int[1024];
            for (int i = 0; i < words.length; i++) words[i] = p[i % p.length];
            int n = RegionCompiler.extent(BASE, words);
            Region r = rc.compile(BASE, 0x10000, java.util.Arrays.copyOf(words, n));
            int bytes = RegionCompiler.methodBytes(r);
            assertTrue(bytes <= RegionCompiler.METHOD_BYTES_TARGET, "region of " + r.length() + " needs " + bytes + " bytes");
            assertTrue(r.length() >= 16, "translated " + r.length() + " of " + n);
            largest = Math.max(largest, bytes);
        }
        assertTrue(largest > 3000, "the patterns should be large ones: " + largest);
    }

    /** The cuts of an oversized region end: each cap is below the last (RegionCompiler.nextCap), whatever the sizes. */
    @Test
    void everyCutIsSmallerThanTheLast() {
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            int cap = 3 + rnd.nextInt(200), count = 1 + rnd.nextInt(cap + 1);
            int codeBytes = RegionCompiler.METHOD_BYTES_TARGET + 1 + rnd.nextInt(20_000), fixed = rnd.nextInt(3_000);
            int next = RegionCompiler.nextCap(cap, count, codeBytes, fixed, RegionCompiler.METHOD_BYTES_TARGET);
            assertTrue(next < cap && next >= 2, cap + " " + count + " " + codeBytes + " " + fixed + " -> " + next);
        }
        // The case that looped: one instruction over the cap (a branch's slot), a method just over the target.
        assertEquals(9, RegionCompiler.nextCap(10, 11, 4_600, 400, 4_500));
    }

    private static Machine machine(long seed) {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.start(BASE);
        SplittableRandom rnd = new SplittableRandom(seed);
        Cpu c = m.cpu();
        int[] data = new int[1024];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt();
        m.writeWords(BASE, data);
        for (int r = 1; r < 32; r++) {
            c.gpr[r] = rnd.nextInt(3) == 0 ? BASE + 2048 + rnd.nextInt(-64, 64) : rnd.nextLong();
        }
        c.hi = rnd.nextLong();
        c.lo = rnd.nextLong();
        if (rnd.nextBoolean()) c.cp0.write(12, 0x10); // user mode: 64-bit ops reserved without UX
        return m;
    }

    private static String state(Machine m) {
        Cpu c = m.cpu();
        StringBuilder b = new StringBuilder(java.util.Arrays.toString(c.gpr));
        b.append(c.hi).append(' ').append(c.lo).append(' ').append(c.pc).append(' ').append(c.npc).append(' ')
                .append(c.delaySlotNext).append(' ').append(c.branchTarget).append(' ').append(c.llBit).append(' ')
                .append(c.memFault).append(' ').append(c.cp0.epc).append(' ').append(c.cp0.cause).append(' ')
                .append(c.cp0.badVAddr).append(' ').append(c.cp0.status);
        long sum = 0;
        int[] w = m.ram().words;
        for (int i = 0x10000 >>> 2; i < 0x11000 >>> 2; i++) sum = sum * 31 + w[i];
        return b.append(' ').append(sum).toString();
    }
}
