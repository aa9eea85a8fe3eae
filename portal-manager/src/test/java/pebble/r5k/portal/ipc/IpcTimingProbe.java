package pebble.r5k.portal.ipc;

import java.util.List;

import org.junit.jupiter.api.Test;

import pebble.r5k.timing.TimingTable;

/** Not a test: prints the statistics and the exception-cost range behind docs/portal-cycles.md (run with -Dtest=IpcTimingProbe -Dprobe=true). */
class IpcTimingProbe {
    @Test void print() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Boolean.getBoolean("probe"), "measurement probe: -Dprobe=true");
        List<IpcTiming.Case> cases = List.of(new IpcTiming.Case(null, 1), new IpcTiming.Case("npciii", 1), new IpcTiming.Case("npciii", 2),
                new IpcTiming.Case("npciii", 4), new IpcTiming.Case("npciii", 8), new IpcTiming.Case("smciii", 1),
                new IpcTiming.Case("smciii", 2), new IpcTiming.Case("smciii", 4), new IpcTiming.Case("smciii", 8));
        for (IpcTiming.Case c : cases) System.out.println(IpcTiming.explain(IpcTiming.measure(c, null)));
        for (String s : new String[] {"npcwii", "smcwii"}) for (boolean touch : new boolean[] {false, true}) for (int n : new int[] {1, 2, 4, 8}) {
            System.out.println(IpcTiming.explain(IpcTiming.measure(new IpcTiming.Case(s, n, touch), null)));
        }
        if (Boolean.getBoolean("windowsOnly")) return;
        for (String[] corner : new String[][] {{"0", "0"}, {"3", "2"}, {"5", "2"}, {"3", "3"}, {"5", "3"}}) {
            TimingTable t = TimingTable.parse("corner", List.of("exception.entry = " + corner[0], "exception.eret = " + corner[1]));
            for (IpcTiming.Case c : List.of(cases.get(0), cases.get(2), cases.get(6))) {
                System.out.printf("entry=%s eret=%s  %s%n", corner[0], corner[1], IpcTiming.explain(IpcTiming.measure(c, t)));
            }
        }
    }
}
