package pebble.r5k.cpu;

import org.junit.jupiter.api.Test;
import pebble.r5k.Machine;
import pebble.r5k.isa.Effects;
import pebble.r5k.isa.Op;
import pebble.r5k.isa.OpKind;
import pebble.r5k.timing.StatsWriter;
import pebble.r5k.timing.TimingTable;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every row a region may hold, emitted and run against the interpreter on random states, in both modes:
 * the emitted code keeps the registers in JVM locals and runs most rows inline ({@link InlineOps},
 * {@link InlineMemory}), so each row is a separate translation of the interpreter's semantics and needs
 * its own proof. Each case is the row twice in a row (the second load or store of a line takes the
 * D-cache's inline hit path), or a branch with a random ALU delay slot, entered as a region; the state
 * after a few hundred cycles (registers, HI/LO, PC state, CP0, RAM, cycles and every statistic) must be
 * the one the loop reaches. Random states cover user mode with and without 64-bit operations, the FPU
 * usable or not, addresses near data, misaligned, unmapped or wild, and overflow.
 */
class TranslatedRowTest {
    private static final long CODE = 0xFFFFFFFF80010000L, DATA = 0xFFFFFFFF80020000L;
    private static final int CASES = 12;

    @Test
    void everyTimedRowRunsAsTheLoopRunsIt() {
        rows(true);
    }

    @Test
    void everyFunctionalRowRunsAsTheLoopRunsIt() {
        rows(false);
    }

    private static void rows(boolean timed) {
        int rows = 0;
        long compiled = 0, translated = 0;
        for (Op op : Op.values()) {
            if (op.kind != OpKind.REAL || op == Op.RESERVED) continue;
            int k = RegionCompiler.kindOf(op.ordinal(), timed);
            if (k == RegionCompiler.STOP) continue;
            rows++;
            SplittableRandom rnd = new SplittableRandom(op.ordinal() * 7919L + (timed ? 1 : 0));
            for (int n = 0; n < CASES; n++) {
                int word = op.match | (rnd.nextInt() & ~op.mask);
                int second = k == RegionCompiler.BRANCH ? slotWord(rnd) : word;
                long seed = rnd.nextLong();
                String loop = run(word, second, timed, 0, seed, null);
                long[] counts = new long[2];
                String region = run(word, second, timed, 1, seed, counts);
                compiled += counts[0];
                if (counts[1] > 0) translated++;
                assertEquals(loop, region, op + " " + Integer.toHexString(word) + " / " + Integer.toHexString(second)
                        + (timed ? " timed" : " functional") + ", seed " + seed);
            }
        }
        assertTrue(rows > 150, "rows a region may hold: " + rows);
        // A region runs the row (the jump's target is a block of the region entered at CODE), except where the
        // fetch of CODE itself faults (a quarter of the cases run in user mode).
        assertTrue(compiled >= (long) rows * CASES * 2 / 3, "the cases were translated: " + compiled);
        assertTrue(translated >= (long) rows * CASES * 2 / 3, "the cases ran in regions: " + translated + " of " + rows * CASES);
    }

    /** A random delay slot: an ALU row, or a load or store near the data. */
    private static int slotWord(SplittableRandom rnd) {
        Op[] slots = {Op.ADDU, Op.ADDIU, Op.OR, Op.SLL, Op.LW, Op.SW, Op.LBU, Op.SLTU, Op.ADD, Op.MFLO};
        Op op = slots[rnd.nextInt(slots.length)];
        return op.match | (rnd.nextInt() & ~op.mask);
    }

    /**
     * Runs [j CODE+16; nop; nop; nop; first; second; nops...] from CODE for a few hundred cycles: the row
     * starts a block, the jump's target (a block of the region entered at CODE, reached by a goto). Returns
     * the whole end state.
     */
    private static String run(int first, int second, boolean timed, int translateAfter, long seed, long[] compiled) {
        Machine m = Machine.create(true, 1 << 20, new ByteArrayOutputStream(), null);
        m.setTranslateAfter(translateAfter);
        if (timed) m.enableTiming(TimingTable.defaults(), null, translateAfter);
        int j = Op.J.match | (int) ((CODE + 16) >>> 2 & 0x03FFFFFF);
        m.writeWords(CODE, new int[] {j, 0, 0, 0, first, second});
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] data = new int[256];
        for (int i = 0; i < data.length; i++) data[i] = rnd.nextInt();
        m.writeWords(DATA - 512, data);
        m.start(CODE);
        Cpu c = m.cpu();
        for (int r = 1; r < 32; r++) {
            c.gpr[r] = switch (rnd.nextInt(4)) {
                case 0 -> DATA + rnd.nextInt(-64, 64); // near the data: loads and stores reach RAM
                case 1 -> rnd.nextInt(-4, 5);
                case 2 -> rnd.nextInt(); // 32-bit values, and overflow
                default -> rnd.nextLong();
            };
        }
        c.hi = rnd.nextLong();
        c.lo = rnd.nextLong();
        int status = c.cp0.status;
        if (rnd.nextInt(4) == 0) status |= 0x10 | (rnd.nextBoolean() ? 0x20 : 0); // user mode, with or without UX
        if (rnd.nextBoolean()) status |= 0x20000000; // CU1
        c.cp0.write(12, status);
        Machine.RunResult r = m.run(400);
        if (compiled != null) compiled[0] = m.translationCounts()[0];
        if (compiled != null) compiled[1] = m.translatedInstructions();
        StringBuilder b = new StringBuilder();
        b.append(r).append('\n');
        for (int i = 0; i < 32; i++) b.append(Long.toHexString(c.gpr[i])).append(' ');
        b.append("\nhi ").append(c.hi).append(" lo ").append(c.lo).append(" pc ").append(Long.toHexString(c.pc))
                .append(" npc ").append(Long.toHexString(c.npc)).append(" slot ").append(c.inDelaySlot)
                .append(" ll ").append(c.llBit).append(" fcsr ").append(c.fcr31).append('\n');
        for (int i = 0; i < 32; i++) b.append(Long.toHexString(c.fpr[i])).append(' ');
        b.append("\nepc ").append(Long.toHexString(c.cp0.epc)).append(" cause ").append(Integer.toHexString(c.cp0.causeRead()))
                .append(" status ").append(Integer.toHexString(c.cp0.status)).append(" badva ")
                .append(Long.toHexString(c.cp0.badVAddr)).append(" instret ").append(c.instret).append('\n');
        long sum = 0;
        for (int w : m.ram().words) sum = sum * 31 + w;
        b.append("ram ").append(sum).append('\n');
        if (timed) b.append(StatsWriter.json(m.stats()));
        return b.toString();
    }

    /** The rows the emitter runs inline are all among those checked here. */
    @Test
    void theInlineRowsAreRegionRows() {
        for (Op op : Op.values()) {
            if (!InlineOps.handles(op) && !InlineMemory.handles(op)) continue;
            assertNotEquals(RegionCompiler.STOP, RegionCompiler.kindOf(op.ordinal(), true), op.name());
            assertEquals(0, op.effects & (Effects.JUMP | Effects.BRANCH), op + " is not a branch");
        }
    }
}
