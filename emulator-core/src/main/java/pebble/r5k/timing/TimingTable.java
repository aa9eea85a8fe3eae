package pebble.r5k.timing;

import pebble.r5k.host.HostFiles;
import pebble.r5k.isa.TimingClass;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The effective timing values as primitive fields for the hot path: {@link #latency} and {@link #repeat}
 * indexed by {@code TimingClass.ordinal()}, named fields for the rest, and derived pipeline-cycle costs
 * (line fills, uncached round trip, write-back). Built from {@link R5000Timing}, optionally with overrides
 * from a {@code --timing FILE} of {@code key = value [unit]} lines ({@code #} starts a comment).
 */
public final class TimingTable {
    /** Structural facts of the modelled chip: the cache and counter models are built for these values only. */
    private static final Set<String> FIXED = Set.of("l1i.ways", "l1i.lineBytes", "l1d.ways", "l1d.lineBytes",
            "l2.ways", "l2.lineBytes", "storeBuffer.entries", "count.cyclesPerTick");
    private static final Set<String> POWER_OF_TWO = Set.of("l1i.sizeBytes", "l1d.sizeBytes", "l2.sizeBytes");

    public final int[] latency = new int[TimingClass.values().length];
    public final int[] repeat = new int[TimingClass.values().length];

    public final int branchTakenExtra, branchLikelyAnnulled, exceptionEntry, exceptionEret, countCyclesPerTick;
    public final int l1iSizeBytes, l1dSizeBytes, lineBytes, l1RestartAfterBeats, writeBufferEntries;
    public final int l2SizeBytes, l2FirstBeat, l2NextBeat, l2PageInvalidate;
    public final int sysclkDivisor, memFirstBeat, memNextBeat, memWriteFirstBeat;

    // ---- derived, in pipeline cycles ----
    /** L1 refill from DRAM: divisor × (mem.firstBeat + (restartAfterBeats − 1) × mem.nextBeat). */
    public final int memFillCycles;
    /** L1 refill from L2: divisor × (l2.firstBeat + (restartAfterBeats − 1) × l2.nextBeat). */
    public final int l2FillCycles;
    /** Uncached read (one SysAD round trip): divisor × mem.firstBeat. */
    public final int uncachedReadCycles;
    /** Time a posted single write occupies the write buffer: divisor × mem.writeFirstBeat. */
    public final int writeCycles;
    /** Dirty victim write-back of a 4-doubleword line: divisor × (mem.writeFirstBeat + 3 × mem.nextBeat). */
    public final int writebackCycles;
    /** Page_Invalidate_S: divisor × l2.pageInvalidate. */
    public final int l2PageInvalidateCycles;

    private final Map<String, Long> values;
    private final Set<String> overridden;

    private TimingTable(Map<String, Long> values, Set<String> overridden) {
        this.values = Collections.unmodifiableMap(values);
        this.overridden = Collections.unmodifiableSet(overridden);
        for (TimingClass c : TimingClass.values()) {
            latency[c.ordinal()] = i(R5000Timing.latencyKey(c));
            repeat[c.ordinal()] = i(R5000Timing.repeatKey(c));
        }
        branchTakenExtra = i("branch.takenExtra");
        branchLikelyAnnulled = i("branch.likelyAnnulled");
        exceptionEntry = i("exception.entry");
        exceptionEret = i("exception.eret");
        countCyclesPerTick = i("count.cyclesPerTick");
        l1iSizeBytes = i("l1i.sizeBytes");
        l1dSizeBytes = i("l1d.sizeBytes");
        lineBytes = i("l1d.lineBytes");
        l1RestartAfterBeats = i("l1.restartAfterBeats");
        writeBufferEntries = i("writeBuffer.entries");
        l2SizeBytes = i("l2.sizeBytes");
        l2FirstBeat = i("l2.firstBeat");
        l2NextBeat = i("l2.nextBeat");
        l2PageInvalidate = i("l2.pageInvalidate");
        sysclkDivisor = i("sysclk.divisor");
        memFirstBeat = i("mem.firstBeat");
        memNextBeat = i("mem.nextBeat");
        memWriteFirstBeat = i("mem.writeFirstBeat");
        int beatsPerLine = lineBytes / 8; // 64-bit SysAD: 4 doublewords per 32-byte line (§2.1)
        memFillCycles = sysclkDivisor * (memFirstBeat + (l1RestartAfterBeats - 1) * memNextBeat);
        l2FillCycles = sysclkDivisor * (l2FirstBeat + (l1RestartAfterBeats - 1) * l2NextBeat);
        uncachedReadCycles = sysclkDivisor * memFirstBeat;
        writeCycles = sysclkDivisor * memWriteFirstBeat;
        writebackCycles = sysclkDivisor * (memWriteFirstBeat + (beatsPerLine - 1) * memNextBeat);
        l2PageInvalidateCycles = sysclkDivisor * l2PageInvalidate;
    }

    private int i(String key) {
        return Math.toIntExact(values.get(key));
    }

    /** The R5000 defaults. */
    public static TimingTable defaults() {
        return build(Map.of(), "<defaults>");
    }

    /** The effective value of {@code key}; throws for an unknown key. */
    public long get(String key) {
        Long v = values.get(key);
        if (v == null) throw new IllegalArgumentException("unknown timing key " + key);
        return v;
    }

    /** Effective values in documentation order. */
    public Map<String, Long> values() { return values; }

    public boolean isOverridden(String key) { return overridden.contains(key); }

    /** Reads overrides from {@code file}; every problem is a one-line {@code file:line: message}. */
    public static TimingTable load(Path file) throws TimingFileException {
        List<String> lines;
        try {
            byte[] bytes = HostFiles.read(file, HostFiles.MAX_TEXT_BYTES, "a timing file");
            lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new TimingFileException(e.getMessage() + " (--timing)");
        }
        return parse(file.toString(), lines);
    }

    /** Parses override lines {@code key = value [unit]}; {@code name} is used in messages. */
    public static TimingTable parse(String name, List<String> lines) throws TimingFileException {
        Map<String, Long> over = new LinkedHashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String where = name + ":" + (n + 1) + ": ";
            String line = lines.get(n);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            int eq = line.indexOf('=');
            if (eq < 0) throw new TimingFileException(where + "expected 'key = value', got '" + line + "'");
            String key = line.substring(0, eq).strip();
            String rest = line.substring(eq + 1).strip();
            TimingParam p = R5000Timing.get(key);
            if (p == null) throw new TimingFileException(where + "unknown timing key '" + key + "'");
            if (FIXED.contains(key)) {
                throw new TimingFileException(where + "'" + key + "' is a structural fact of the modelled R5000 and cannot be overridden");
            }
            String[] parts = rest.split("\\s+");
            if (rest.isEmpty() || parts.length > 2) {
                throw new TimingFileException(where + "expected 'key = value [unit]' for '" + key + "'");
            }
            long v;
            try {
                v = Long.parseLong(parts[0]);
            } catch (NumberFormatException e) {
                throw new TimingFileException(where + "'" + parts[0] + "' is not a whole number (" + key + " is in " + p.unit() + ")");
            }
            if (parts.length == 2 && !parts[1].equals(p.unit())) {
                throw new TimingFileException(where + "unit '" + parts[1] + "' does not match " + key + ", which is in " + p.unit());
            }
            String bad = check(key, v);
            if (bad != null) throw new TimingFileException(where + key + " = " + v + ": " + bad);
            if (over.put(key, v) != null) throw new TimingFileException(where + "'" + key + "' is set twice");
        }
        return build(over, name);
    }

    private static String check(String key, long v) {
        if (v < 0 || v > Integer.MAX_VALUE / 64) return "out of range";
        if (POWER_OF_TWO.contains(key)) {
            if (Long.bitCount(v) != 1 || v < 1024) return "must be a power of two of at least 1024 bytes";
        }
        switch (key) {
            case "sysclk.divisor": case "writeBuffer.entries":
                if (v < 1) return "must be at least 1";
                break;
            case "l1.restartAfterBeats":
                if (v < 1 || v > 4) return "must be between 1 and 4 (a line is 4 doubleword beats)";
                break;
            default:
                if (key.startsWith("repeat.") && v < 1) return "a repeat rate must be at least 1";
                if (key.startsWith("latency.") && v < 1) return "a latency must be at least 1";
        }
        return null;
    }

    private static TimingTable build(Map<String, Long> overrides, String name) {
        Map<String, Long> v = new LinkedHashMap<>();
        for (TimingParam p : R5000Timing.params()) v.put(p.key(), overrides.getOrDefault(p.key(), p.value()));
        return new TimingTable(v, new LinkedHashSet<>(overrides.keySet()));
    }
}
