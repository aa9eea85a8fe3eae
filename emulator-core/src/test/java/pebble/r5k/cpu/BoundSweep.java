package pebble.r5k.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two sweeps the bound-group tests make over a program (BoundGroupTest, FunctionalBoundGroupTest): cycle
 * limits on every instruction, and a timer interrupt moved over every instruction. Each compares the loop alone
 * with regions translated at the first execution and after three, in both modes.
 */
final class BoundSweep {
    private BoundSweep() {}

    /** One run's end state: {@code translateAfter} 0 = no translation; {@code rearm} 0 = no timer; {@code slice} 0 = one run. */
    interface Run {
        String run(boolean timed, int translateAfter, int rearm, int slice, int seed);
    }

    /** Slices of one cycle, then of 1 to 12 cycles: the limit falls inside groups that start below it. */
    static void cycleLimits(Run r) {
        for (boolean timed : new boolean[] {true, false}) {
            for (int slice : new int[] {1, 12}) {
                for (int seed = 1; seed <= (slice == 1 ? 1 : 4); seed++) {
                    String what = (timed ? "timed" : "functional") + ", slices up to " + slice + ", seed " + seed;
                    String off = r.run(timed, 0, 0, slice, seed);
                    assertEquals(off, r.run(timed, 1, 0, slice, seed), what + ", translated at once");
                    assertEquals(off, r.run(timed, 3, 0, slice, seed), what + ", translated after three");
                }
            }
        }
    }

    /** The timer re-armed every {@code from} to {@code to - 1} ticks (every {@code timedStep}-th when timed). */
    static void timerInterrupts(Run r, int from, int to, int timedStep) {
        for (boolean timed : new boolean[] {true, false}) {
            for (int rearm = from; rearm < to; rearm += timed ? timedStep : 1) {
                String what = (timed ? "timed" : "functional") + ", timer every " + rearm + " ticks";
                String off = r.run(timed, 0, rearm, 0, rearm);
                assertEquals(off, r.run(timed, 1, rearm, 0, rearm), what + ", translated at once");
                assertEquals(off, r.run(timed, 3, rearm, 0, rearm), what + ", translated after three");
                String sliced = r.run(timed, 0, rearm, 40, rearm);
                assertEquals(sliced, r.run(timed, 1, rearm, 40, rearm), what + ", random slices, translated");
            }
        }
    }
}
