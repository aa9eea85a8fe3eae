package pebble.r5k.differential;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The generated control flow really exercises both outcomes: run on Pebble alone (no tools needed) with a
 * retire trace, every conditional branch kind is seen both taken and not taken, every likely kind with its
 * slot annulled, and every jump kind taken. Without this the differential test could pass while, say, all
 * BLTZALL conditions happened to be false.
 */
class ControlFlowCoverageTest {
    private static final int CASES = 5000;

    /** taken, fell through with the slot run, fell through with the slot annulled. */
    private static final class Counts { int taken, notTaken, annulled; }

    @Test
    void everyBranchKindTakesBothWays() {
        for (Mode mode : Mode.values()) {
            SeqGen gen = new SeqGen(mode, 0xC0DE + mode.ordinal());
            List<TestCase> batch = new ArrayList<>();
            Map<String, Counts> counts = new TreeMap<>();
            for (int i = 0; i < CASES; i++) {
                batch.add(gen.next(i, QemuRunner.bodyAddress(i % 200)));
                if (batch.size() == 200) {
                    run(batch, counts);
                    batch.clear();
                }
            }
            StringBuilder table = new StringBuilder();
            counts.forEach((k, c) -> table.append(String.format("  %-8s taken %5d  not taken %5d  annulled %5d%n",
                    k, c.taken, c.notTaken, c.annulled)));
            System.out.print("[coverage] " + mode + " branch outcomes:\n" + table);
            for (String k : List.of("beq", "bne", "blez", "bgtz", "bltz", "bgez", "bltzal", "bgezal")) {
                for (String name : List.of(k, k + "l")) {
                    Counts c = counts.get(name);
                    assertTrue(c != null && c.taken > 20, name + " taken\n" + table);
                    boolean likely = name.endsWith("l") && !name.endsWith("al") || name.endsWith("all");
                    assertTrue(likely ? c.annulled > 20 && c.notTaken == 0 : c.notTaken > 20 && c.annulled == 0,
                            name + " not taken\n" + table);
                }
            }
            for (String k : List.of("j", "jal", "jr", "jalr")) {
                Counts c = counts.get(k);
                assertTrue(c != null && c.taken > 100 && c.notTaken == 0 && c.annulled == 0, k + "\n" + table);
            }
        }
    }

    private static void run(List<TestCase> batch, Map<String, Counts> counts) {
        long[] last = {0, 0, 0}; // pc of a pending branch, its word, 1 once its slot retired
        PebbleRunner.Outcome[] out = new PebbleRunner(true).run(batch, (pc, word) -> {
            if (last[1] != 0) {
                int w = (int) last[1];
                long b = last[0];
                if (last[2] == 0 && pc == b + 4) {
                    last[2] = 1;
                    return;
                }
                Counts c = counts.computeIfAbsent(name(w), k -> new Counts());
                if (last[2] == 0) c.annulled++;
                else if (target(b, w) == b + 8) { } // taken or not: the same path
                else if (target(b, w) == -1) c.taken++; // J, JAL, JR, JALR
                else if (pc == b + 8) c.notTaken++;
                else c.taken++;
                last[1] = 0;
            }
            if (SeqGenTest.isBranch(word)) {
                last[0] = pc;
                last[1] = word & 0xFFFF_FFFFL;
                last[2] = 0;
            }
        });
        for (PebbleRunner.Outcome o : out) assertNull(o.error());
    }

    /** Target of a conditional branch; -1 for the jumps, which are always taken. */
    private static long target(long pc, int w) {
        int op = w >>> 26;
        return op == 0 || op == 2 || op == 3 ? -1 : pc + 4 + 4L * (short) w;
    }

    private static String name(int w) {
        int op = w >>> 26;
        if (op == 0) return (w & 63) == 8 ? "jr" : "jalr";
        if (op == 1) {
            int rt = (w >>> 16) & 31;
            return ((rt & 1) != 0 ? "bgez" : "bltz") + (rt >= 16 ? "al" : "") + ((rt & 2) != 0 ? "l" : "");
        }
        return switch (op) {
            case 2 -> "j";
            case 3 -> "jal";
            case 4 -> "beq"; case 5 -> "bne"; case 6 -> "blez"; case 7 -> "bgtz";
            case 0x14 -> "beql"; case 0x15 -> "bnel"; case 0x16 -> "blezl"; default -> "bgtzl";
        };
    }
}
