package pebble.r5k.timing;

import org.junit.jupiter.api.Test;
import pebble.r5k.isa.Op;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The predecoded issue descriptor ({@link Scoreboard#describe}, {@link Scoreboard#issueFast}) must give
 * exactly what {@link Scoreboard#issue(int, int, long)} gives: same issue cycle, same ready cycles after.
 */
class ScoreboardDescriptorTest {
    @Test
    void fastIssueMatchesIssueForEveryIntegerOp() {
        Random rnd = new Random(5064);
        TimingTable t = TimingTable.defaults();
        int fastOps = 0;
        for (Op op : Op.values()) {
            for (int n = 0; n < 200; n++) {
                int word = op.match | (rnd.nextInt() & ~op.mask);
                int d = Scoreboard.describe(op.ordinal(), word);
                if (d == Scoreboard.D_SLOW) break;
                if (n == 0) fastOps++;
                Scoreboard a = new Scoreboard(t), b = new Scoreboard(t);
                for (int r = 1; r < 32; r++) {
                    long ready = 100 + rnd.nextInt(8);
                    a.gprReadyAt[r] = ready;
                    b.gprReadyAt[r] = ready;
                }
                long cycle = 100 + rnd.nextInt(6);
                long expect = cycle + a.issue(op.ordinal(), word, cycle);
                long got = b.issueFast(op.ordinal(), d, cycle);
                assertEquals(expect, got, op + " " + Integer.toHexString(word));
                assertArrayEquals(java.util.Arrays.copyOf(a.gprReadyAt, 32), java.util.Arrays.copyOf(b.gprReadyAt, 32),
                        op + " " + Integer.toHexString(word));
                assertEquals(0, b.gprReadyAt[0]);
                assertEquals(a.loadUseStalls, b.loadUseStalls);
            }
        }
        assertTrue(fastOps > 50, "integer ops on the fast path: " + fastOps);
    }

    @Test
    void descriptorLeavesTheCallerBitsFree() {
        for (Op op : Op.values()) {
            int d = Scoreboard.describe(op.ordinal(), op.match);
            if (d != Scoreboard.D_SLOW) assertEquals(0, d & ~0xFFFF, op.toString());
        }
    }
}
