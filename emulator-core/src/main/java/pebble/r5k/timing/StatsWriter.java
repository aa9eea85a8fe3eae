package pebble.r5k.timing;

import java.util.Locale;
import java.util.Map;

import static pebble.r5k.timing.Stats.*;

/** Renders {@link Stats} as the {@code --stats} text and the {@code --stats-json} document (hand-written JSON). */
public final class StatsWriter {
    private StatsWriter() {}

    public static String text(Stats s) {
        long[] v = s.totals();
        StringBuilder b = new StringBuilder();
        b.append("instructions: ").append(v[INSTRUCTIONS]).append('\n');
        b.append("cycles: ").append(v[CYCLES]).append('\n');
        b.append("CPI: ").append(ratio(v[CYCLES], v[INSTRUCTIONS])).append('\n');
        b.append("stall cycles:\n");
        for (int k = 0; k < STALL_NAMES.length; k++) {
            b.append("  ").append(STALL_NAMES[k]).append(": ").append(v[STALL_LOAD_USE + k]).append('\n');
        }
        b.append("wait (idle) cycles: ").append(v[WAIT_CYCLES]).append('\n');
        b.append(rate("L1I", v[L1I_HITS], v[L1I_MISSES]));
        b.append(rate("L1D", v[L1D_HITS], v[L1D_MISSES]));
        b.append(rate("L2", v[L2_HITS], v[L2_MISSES]));
        b.append("TLB refills: ").append(v[TLB_REFILLS]).append('\n');
        b.append("exceptions: ").append(v[EXCEPTIONS]);
        String sep = " (";
        for (int c = 0; c < 32; c++) {
            if (s.exceptions(c) == 0) continue;
            b.append(sep).append(exceptionName(c)).append(' ').append(s.exceptions(c));
            sep = ", ";
        }
        b.append(sep.equals(", ") ? ")" : "").append('\n');
        if (s.tracksAsids()) b.append("per ASID:\n");
        for (int a = 0; a < 256; a++) {
            long[] p = s.asid(a);
            if (p == null || (p[INSTRUCTIONS] == 0 && p[CYCLES] == 0)) continue;
            b.append(String.format(Locale.ROOT, "  asid %d: instructions %d, cycles %d, CPI %s, stalls", a,
                    p[INSTRUCTIONS], p[CYCLES], ratio(p[CYCLES], p[INSTRUCTIONS])));
            for (int k = 0; k < STALL_NAMES.length; k++) {
                b.append(k == 0 ? " " : ", ").append(STALL_NAMES[k]).append(' ').append(p[STALL_LOAD_USE + k]);
            }
            b.append(", L1I ").append(pct(p[L1I_HITS], p[L1I_MISSES]))
                    .append(", L1D ").append(pct(p[L1D_HITS], p[L1D_MISSES]))
                    .append(", L2 ").append(pct(p[L2_HITS], p[L2_MISSES]))
                    .append(", TLB refills ").append(p[TLB_REFILLS])
                    .append(", exceptions ").append(p[EXCEPTIONS]).append('\n');
        }
        return b.toString();
    }

    public static String json(Stats s) {
        long[] v = s.totals();
        StringBuilder b = new StringBuilder();
        b.append("{\n");
        counters(b, "  ", v);
        b.append(",\n  \"exceptionsByCode\": {");
        String sep = "";
        for (int c = 0; c < 32; c++) {
            if (s.exceptions(c) == 0) continue;
            b.append(sep).append('"').append(exceptionName(c)).append("\": ").append(s.exceptions(c));
            sep = ", ";
        }
        b.append("},\n  \"perAsid\": {");
        sep = "\n";
        for (int a = 0; a < 256; a++) {
            long[] p = s.asid(a);
            if (p == null || (p[INSTRUCTIONS] == 0 && p[CYCLES] == 0)) continue;
            b.append(sep).append("    \"").append(a).append("\": {\n");
            counters(b, "      ", p);
            b.append("\n    }");
            sep = ",\n";
        }
        b.append(sep.equals("\n") ? "}" : "\n  }");
        b.append(",\n  \"timing\": {");
        sep = "\n";
        for (Map.Entry<String, Long> e : s.table().values().entrySet()) {
            TimingParam p = R5000Timing.get(e.getKey());
            b.append(sep).append("    \"").append(e.getKey()).append("\": {\"value\": ").append(e.getValue())
                    .append(", \"unit\": \"").append(p.unit()).append("\", \"confidence\": \"").append(p.confidence())
                    .append("\", \"overridden\": ").append(s.table().isOverridden(e.getKey())).append('}');
            sep = ",\n";
        }
        b.append("\n  }\n}\n");
        return b.toString();
    }

    private static void counters(StringBuilder b, String ind, long[] v) {
        b.append(ind).append("\"instructions\": ").append(v[INSTRUCTIONS]).append(",\n");
        b.append(ind).append("\"cycles\": ").append(v[CYCLES]).append(",\n");
        b.append(ind).append("\"cpi\": ").append(ratio(v[CYCLES], v[INSTRUCTIONS])).append(",\n");
        b.append(ind).append("\"stallCycles\": {");
        for (int k = 0; k < STALL_JSON.length; k++) {
            b.append(k == 0 ? "" : ", ").append('"').append(STALL_JSON[k]).append("\": ").append(v[STALL_LOAD_USE + k]);
        }
        b.append("},\n");
        b.append(ind).append("\"waitCycles\": ").append(v[WAIT_CYCLES]).append(",\n");
        cache(b, ind, "l1i", v[L1I_HITS], v[L1I_MISSES]);
        cache(b, ind, "l1d", v[L1D_HITS], v[L1D_MISSES]);
        cache(b, ind, "l2", v[L2_HITS], v[L2_MISSES]);
        b.append(ind).append("\"tlbRefills\": ").append(v[TLB_REFILLS]).append(",\n");
        b.append(ind).append("\"exceptions\": ").append(v[EXCEPTIONS]);
    }

    private static void cache(StringBuilder b, String ind, String name, long hits, long misses) {
        b.append(ind).append('"').append(name).append("\": {\"hits\": ").append(hits).append(", \"misses\": ")
                .append(misses).append(", \"hitRate\": ").append(hitRate(hits, misses)).append("},\n");
    }

    private static String rate(String name, long hits, long misses) {
        return name + ": hits " + hits + ", misses " + misses + ", hit rate " + pct(hits, misses) + '\n';
    }

    private static String pct(long hits, long misses) {
        long n = hits + misses;
        return n == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f%%", 100.0 * hits / n);
    }

    private static String hitRate(long hits, long misses) {
        long n = hits + misses;
        return n == 0 ? "null" : String.format(Locale.ROOT, "%.6f", (double) hits / n);
    }

    private static String ratio(long a, long b) {
        return b == 0 ? "0" : String.format(Locale.ROOT, "%.4f", (double) a / b);
    }
}
