package pebble.r5k.timeline;

import pebble.r5k.board.SimControl;
import pebble.r5k.cache.MemorySystem;
import pebble.r5k.cpu.Cpu;
import pebble.r5k.cpu.ExcCode;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.LongConsumer;

/**
 * {@code --timeline FILE}: what the machine did, over emulated time, as Chrome/Perfetto trace-event JSON
 * (docs/debugging.md "Timeline" is the reference for every event). The CPU calls it at exception entry,
 * ERET and EntryHi/TLBR writes ({@code Cpu.timeline}, one null check each, nothing per instruction), and
 * sim-control at guest markers. One "microsecond" of the file is one CPU cycle: the exact cycle counts
 * stay integers, and a duration Perfetto shows as 1 ms is 1000 cycles.
 *
 * <p>Tracks (pid 1): tid = ASID for the ASID tracks (the running ASID as back-to-back slices, TLB refills as
 * instants), {@link #EXCEPTIONS_TID} for exception and interrupt handlers (entry to ERET), {@link #MARKERS_TID}
 * for guest markers. Cache misses (cumulative L1I, L1D, L2) are counter events, sampled at each of the events
 * above when they changed. Methods are synchronized: a Ctrl-C hook may close the file while the machine runs.
 */
public final class Timeline implements SimControl.MarkerListener {
    /** Default of {@code --timeline-limit}: about 120 MB of JSON (110-130 bytes an event), still loadable by the Perfetto UI. */
    public static final long DEFAULT_LIMIT = 1_000_000;
    static final int EXCEPTIONS_TID = 256, MARKERS_TID = 257;
    /** Open marker spans kept; a deeper MARK_BEGIN is recorded as an instant and not opened. */
    static final int MAX_MARK_DEPTH = 64;
    /** Handler slices open at once; an exception entered deeper (with EXL clear) is an instant. */
    static final int MAX_HANDLER_DEPTH = 16;

    private final TraceJson json;
    private final long limit;
    private final LongConsumer onLimit;
    private final String[] asidNames = new String[256];
    private final boolean[] trackNamed = new boolean[256];
    private Cpu cpu;
    private MemorySystem mem;

    private int asid;
    private long asidSince;

    /**
     * Open handler slices, innermost last: a handler that clears EXL (to take interrupts, say) and traps again
     * opens a second slice inside the first, and each ERET closes the innermost.
     */
    private final long[] handlerAt = new long[MAX_HANDLER_DEPTH];
    private final String[] handlerName = new String[MAX_HANDLER_DEPTH];
    private final String[] handlerCat = new String[MAX_HANDLER_DEPTH];
    private final String[] handlerArgs = new String[MAX_HANDLER_DEPTH];
    private int handlers;

    private final long[] markVa = new long[MAX_MARK_DEPTH];
    private final long[] markAt = new long[MAX_MARK_DEPTH];
    private final String[] markName = new String[MAX_MARK_DEPTH];
    private int depth;

    private long lastL1i = -1, lastL1d = -1, lastL2 = -1;

    /**
     * Writes to {@code out} (buffered here); at most {@code limit} events, then one "timeline limit reached"
     * event, and {@code onLimit} is told the cycle. {@link #attach} starts the recording.
     */
    public Timeline(OutputStream out, long limit, LongConsumer onLimit) {
        if (limit < 1) throw new IllegalArgumentException("timeline limit must be positive: " + limit);
        this.json = new TraceJson(out, limit, "{\"pebble.timeUnit\":\"1 us = 1 CPU cycle\"}", this::limitReached);
        this.limit = limit;
        this.onLimit = onLimit;
    }

    /** Starts recording {@code cpu} ({@code mem}: its caches, null in functional mode) at its current cycle. */
    public synchronized void attach(Cpu cpu, MemorySystem mem, long cpuHz) {
        this.cpu = cpu;
        this.mem = mem;
        metadata("process_name", -1, String.format("pebble R5K (1 us = 1 cycle; clock %.2f MHz)", cpuHz / 1e6));
        metadata("thread_name", EXCEPTIONS_TID, "exceptions and interrupts");
        metadata("thread_name", MARKERS_TID, "markers");
        asid = (int) cpu.cp0.entryHi & 0xFF;
        asidSince = cpu.cycle;
    }

    /** Names ASID {@code asid}'s track (a domain's program name, from the system builder). */
    public synchronized void nameAsid(int asid, String name) {
        asidNames[asid & 0xFF] = name;
        if (trackNamed[asid & 0xFF]) metadata("thread_name", asid & 0xFF, trackName(asid & 0xFF));
    }

    // ------------------------------------------------------------------ hooks

    /**
     * Cpu.enter has entered exception {@code code} (state already set: EPC, Cause, BadVAddr, PC at the
     * vector). {@code refill}: through the TLB refill vector; {@code nested}: EXL was already set.
     */
    public synchronized void exceptionEntered(int code, boolean refill, boolean nested) {
        if (!room()) return;
        long now = cpu.cycle;
        sampleCounters(now);
        if (refill) {
            trackOf(asid);
            json.begin("TLB refill", 'i', now, asid).append(",\"s\":\"t\",\"args\":{\"va\":\"")
                    .append(TraceJson.hex(cpu.cp0.badVAddr)).append("\"}");
            json.end();
        }
        String name = code == ExcCode.INT ? "interrupt" : ExcCode.name(code) + (refill ? " refill" : "");
        StringBuilder args = new StringBuilder();
        args.append("\"epc\":\"").append(TraceJson.hex(cpu.cp0.epc)).append("\",\"cause\":\"")
                .append(TraceJson.hex(cpu.cp0.causeRead())).append('"');
        if (hasBadVAddr(code)) args.append(",\"badvaddr\":\"").append(TraceJson.hex(cpu.cp0.badVAddr)).append('"');
        args.append(",\"asid\":").append(asid);
        String cat = code == ExcCode.INT ? "interrupt" : "exception";
        if (nested || handlers == MAX_HANDLER_DEPTH) {
            json.begin(name + (nested ? " (EXL set)" : " (too deep)"), 'i', now, EXCEPTIONS_TID).append(",\"cat\":\"").append(cat)
                    .append("\",\"s\":\"t\",\"args\":{").append(args).append('}');
            json.end();
            return;
        }
        handlerAt[handlers] = now;
        handlerName[handlers] = name;
        handlerCat[handlers] = cat;
        handlerArgs[handlers++] = args.toString();
    }

    /** A successful ERET (PC is its target): closes the innermost handler slice. */
    public synchronized void eret() {
        if (!room()) return;
        long now = cpu.cycle;
        sampleCounters(now);
        String to = TraceJson.hex(cpu.pc);
        if (handlers > 0) {
            closeHandler(now, ",\"eret_to\":\"" + to + '"');
        } else {
            json.begin("eret", 'i', now, EXCEPTIONS_TID).append(",\"s\":\"t\",\"args\":{\"to\":\"").append(to).append("\"}");
            json.end();
        }
    }

    /** EntryHi or TLBR wrote ASID {@code newAsid}: on a change, the running ASID's slice ends here. */
    public synchronized void asidWritten(int newAsid) {
        if (newAsid == asid || !room()) return;
        long now = cpu.cycle;
        sampleCounters(now);
        closeAsidSlice(now);
        asid = newAsid;
        asidSince = now;
    }

    @Override
    public synchronized void markBegin(long nameVa) {
        if (!room()) return;
        long now = cpu.cycle;
        sampleCounters(now);
        String name = GuestStrings.read(cpu, mem, nameVa);
        if (name == null) name = "marker@" + TraceJson.hex(nameVa);
        if (depth == MAX_MARK_DEPTH) {
            json.begin("marker too deep: " + name, 'i', now, MARKERS_TID).append(",\"s\":\"t\"");
            json.end();
            return;
        }
        markVa[depth] = nameVa;
        markAt[depth] = now;
        markName[depth++] = name;
    }

    /**
     * Closes the innermost open span begun with {@code nameVa} (0: the innermost of all); spans begun inside
     * it and still open end with it (marked "unclosed"), so the spans always nest.
     */
    @Override
    public synchronized void markEnd(long nameVa) {
        if (!room()) return;
        long now = cpu.cycle;
        sampleCounters(now);
        int k = depth - 1;
        if (nameVa != 0) while (k >= 0 && markVa[k] != nameVa) k--;
        if (k < 0) {
            json.begin("unmatched marker end", 'i', now, MARKERS_TID).append(",\"s\":\"t\",\"args\":{\"va\":\"")
                    .append(TraceJson.hex(nameVa)).append("\"}");
            json.end();
            return;
        }
        closeMarkers(k, now, false);
    }

    // ------------------------------------------------------------------ end

    /** Ends the recording at the current cycle: open slices close there, and the JSON is completed. */
    public synchronized void close() {
        if (cpu != null && json.hasRoom()) {
            long now = cpu.cycle;
            sampleCounters(now);
            closeMarkers(0, now, true);
            while (handlers > 0) closeHandler(now, ",\"open_at_end\":true");
            closeAsidSlice(now);
        }
        json.close();
    }

    /** Events written (metadata included, the limit note not). */
    public synchronized long events() { return Math.min(json.events(), limit); }

    /** The first write error, or null. */
    public synchronized IOException failure() { return json.failure(); }

    // ------------------------------------------------------------------ helpers

    /** Whether events are still recorded (not after the limit, a write error or the end). */
    private boolean room() {
        return json.hasRoom();
    }

    /** The first event past the limit was dropped: one note in the file and to the caller, then nothing. */
    private void limitReached() {
        json.begin("timeline limit reached", 'i', cpu.cycle, EXCEPTIONS_TID)
                .append(",\"s\":\"g\",\"args\":{\"limit\":").append(limit).append('}');
        json.limitEvent();
        onLimit.accept(cpu.cycle);
    }

    private void closeHandler(long now, String extraArgs) {
        int h = --handlers;
        json.begin(handlerName[h], 'X', handlerAt[h], EXCEPTIONS_TID).append(",\"dur\":").append(now - handlerAt[h])
                .append(",\"cat\":\"").append(handlerCat[h]).append("\",\"args\":{").append(handlerArgs[h]).append(extraArgs).append('}');
        json.end();
    }

    private void closeAsidSlice(long now) {
        if (now == asidSince) return; // an ASID replaced in the cycle it was set shows nothing
        trackOf(asid);
        json.begin(trackName(asid), 'X', asidSince, asid).append(",\"dur\":").append(now - asidSince).append(",\"cat\":\"asid\"");
        json.end();
    }

    /**
     * Closes marker spans {@code depth-1} down to {@code k}: at the end of the run all are "open_at_end";
     * otherwise those above {@code k} are "unclosed" (MARK_END named an outer span).
     */
    private void closeMarkers(int k, long now, boolean atEnd) {
        for (int j = depth - 1; j >= k; j--) {
            StringBuilder b = json.begin(markName[j], 'X', markAt[j], MARKERS_TID).append(",\"dur\":").append(now - markAt[j])
                    .append(",\"cat\":\"marker\"");
            if (atEnd) b.append(",\"args\":{\"open_at_end\":true}");
            else if (j > k) b.append(",\"args\":{\"unclosed\":true}");
            json.end();
        }
        depth = k;
    }

    private void sampleCounters(long now) {
        if (mem == null) return;
        long i = mem.icache.misses, d = mem.dcache.misses, l2 = mem.l2.misses;
        if (i == lastL1i && d == lastL1d && l2 == lastL2) return;
        lastL1i = i;
        lastL1d = d;
        lastL2 = l2;
        json.begin("cache misses", 'C', now, -1).append(",\"args\":{\"L1I\":").append(i).append(",\"L1D\":").append(d)
                .append(",\"L2\":").append(l2).append('}');
        json.end();
    }

    /** Names ASID {@code a}'s track the first time it gets an event. */
    private void trackOf(int a) {
        if (trackNamed[a]) return;
        trackNamed[a] = true;
        metadata("thread_name", a, trackName(a));
    }

    private String trackName(int a) {
        return asidNames[a] != null ? asidNames[a] + " (ASID " + a + ")" : "ASID " + a;
    }

    private void metadata(String what, int tid, String name) {
        StringBuilder b = json.begin(what, 'M', 0, tid).append(",\"args\":{\"name\":");
        TraceJson.string(b, name).append('}');
        json.end();
    }

    /** The exceptions that write BadVAddr (MIPS III: TLB and address errors). */
    private static boolean hasBadVAddr(int code) {
        return code == ExcCode.MOD || code == ExcCode.TLBL || code == ExcCode.TLBS || code == ExcCode.ADEL || code == ExcCode.ADES;
    }
}
