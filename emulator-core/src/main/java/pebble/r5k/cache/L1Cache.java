package pebble.r5k.cache;

import pebble.r5k.isa.Decoder;
import pebble.r5k.isa.Op;
import pebble.r5k.mem.PhysicalMemory;

/**
 * A functional, data-holding R5000 primary cache (hardware reference §2.1): 2-way set-associative,
 * 32-byte lines of 8 words, virtually indexed (VA[13:5] for 32 KB) and physically tagged, one LRU bit per
 * set [U]. Lines hold copies of {@link PhysicalMemory} words in the same layout (a word is what a 32-bit
 * load returns), so byte lanes work exactly as in RAM. State is primitive arrays indexed by
 * {@code line = set * 2 + way}.
 *
 * <p>The I-cache instance also holds predecoded {@link Op} ordinals parallel to its data (architecture guide §4):
 * a refill decodes the 8 words, an invalidate drops them, so unflushed code runs stale bytes as on the
 * chip. Policy (write-back/through, uncached, L2, timing) lives in {@link MemorySystem}; this class only
 * knows lines.
 */
public final class L1Cache {
    public static final int LINE_BYTES = 32, WORDS_PER_LINE = 8, WAYS = 2;
    /** Probe key of an invalid line: never equal to a line address (PA >>> 5 is non-negative). */
    static final long INVALID = -1;

    public final String name;
    public final int sets;
    final int setMask;
    /** Byte size of one way; VA bit log2(waySize) selects the way for Index CACHE ops (§2.1 waybit). */
    public final int waySizeBytes;
    private final PhysicalMemory ram;

    /** Probe key per line: its physical line address (PA >>> 5) when valid, else {@link #INVALID}. */
    final long[] probe;
    /** Stored physical line address, kept when a line is invalidated (Index_Load_Tag reads it). */
    final long[] lineAddr;
    public final boolean[] dirty;
    /** Per set: the way to replace next (the least recently used). */
    final byte[] lruWay;
    /** Line data: words of line {@code i} are {@code data[i*8 .. i*8+7]}. */
    public final int[] data;
    /** I-cache only: predecoded Op ordinals parallel to {@link #data}; -1 for invalid lines. */
    public final int[] ops;
    /**
     * I-cache only: per word, the timed core's issue descriptor ({@link #describer}), parallel to
     * {@link #ops} and recomputed with it, so the hot path does no field extraction.
     */
    public final int[] descs;
    /** Computes {@link #descs} from (Op ordinal, word); null: all 0. Set by {@link #setDescriber}. */
    private java.util.function.IntBinaryOperator describer;

    /**
     * I-cache only: the last predecoded word of each hash bucket, with its Op ordinal (-1: empty) and descriptor.
     * Code that is refilled again and again (a kernel and its processes whose code lines share sets: kernel.s
     * refills one line a slice) is then looked up rather than decoded and described word by word.
     */
    private final int[] memoWord, memoOp, memoDesc;
    private static final int MEMO_BITS = 10, MEMO_SIZE = 1 << MEMO_BITS;

    /** Sets the descriptor function and recomputes the descriptors of the valid lines. */
    public void setDescriber(java.util.function.IntBinaryOperator f) {
        describer = f;
        if (ops == null) return;
        java.util.Arrays.fill(memoOp, -1); // the memo's descriptors came from the old function
        for (int i = 0; i < probe.length; i++) if (probe[i] != INVALID) predecode(i);
    }

    public long hits, misses, writebacks;
    /**
     * Per line: a number that changes whenever the line's tag or data may have changed (fill, Index_Store_Tag,
     * invalidate). Translated code ({@code cpu.Region}) remembers the serial of each I-cache line it was
     * checked against, so one compare proves it still runs the bytes the cache holds.
     */
    public final int[] serial;
    private int nextSerial;

    /**
     * The last serial given to any line: unchanged means no line of this cache changed since it was read
     * ({@code cpu.Region} checks all its lines once at entry with it).
     */
    public int lastSerial() { return nextSerial; }

    /**
     * Last-line filter (D-cache; set by {@link MemorySystem}): the virtual line {@code filterVa} of the last
     * write-back access and its {@code filterLine}, most recently used. An access to the same virtual line
     * is a hit that changes no LRU bit, so the caller may skip translation and probe. The test is
     * {@code (va & ~31) == filterVa}: -1 when unset, which no masked address equals (kseg3's last line, -32,
     * did match the older {@code ((va ^ filterVa) & ~31) == 0}; DCacheFilterTest). Every
     * change of tags, validity or LRU other than a hit through the filter resets it, and so does an MMU
     * flush (the translation behind it). {@code filterStoreVa} is the same line when the last probe was a
     * store (its translation allowed writing: TLB D set), else -1: only it may take stores.
     */
    public long filterVa = -1, filterStoreVa = -1;
    public int filterLine;

    /** Resets the last-line filter. */
    public void dropFilter() {
        filterVa = -1;
        filterStoreVa = -1;
    }

    public L1Cache(String name, int sizeBytes, PhysicalMemory ram, boolean predecode) {
        if (Integer.bitCount(sizeBytes) != 1 || sizeBytes < WAYS * LINE_BYTES) {
            throw new IllegalArgumentException(name + ": size must be a power of two: " + sizeBytes);
        }
        this.name = name;
        this.ram = ram;
        this.sets = sizeBytes / (WAYS * LINE_BYTES);
        this.setMask = sets - 1;
        this.waySizeBytes = sizeBytes / WAYS;
        int lines = sets * WAYS;
        probe = new long[lines];
        lineAddr = new long[lines];
        dirty = new boolean[lines];
        lruWay = new byte[sets];
        data = new int[lines * WORDS_PER_LINE];
        ops = predecode ? new int[lines * WORDS_PER_LINE] : null;
        descs = predecode ? new int[lines * WORDS_PER_LINE] : null;
        memoWord = predecode ? new int[MEMO_SIZE] : null;
        memoOp = predecode ? new int[MEMO_SIZE] : null;
        memoDesc = predecode ? new int[MEMO_SIZE] : null;
        if (predecode) java.util.Arrays.fill(memoOp, -1);
        serial = new int[lines];
        java.util.Arrays.fill(probe, INVALID);
    }

    public int lines() { return probe.length; }

    public int setOf(long va) { return (int) (va >>> 5) & setMask; }

    // ------------------------------------------------------------------ hit path

    /**
     * The line holding {@code pa} in the set {@code va} indexes, or -1 on a miss. Two compares and array
     * loads; a hit makes the other way the LRU one.
     */
    public int lookup(long va, long pa) {
        int set = (int) (va >>> 5) & setMask;
        long key = pa >>> 5;
        int i = set << 1;
        if (probe[i] == key) {
            lruWay[set] = 1;
            hits++;
            return i;
        }
        if (probe[i + 1] == key) {
            lruWay[set] = 0;
            hits++;
            return i + 1;
        }
        return -1;
    }

    /** Like {@link #lookup} without touching LRU or counters (CACHE Hit ops, diagnostics). */
    public int find(long va, long pa) {
        int i = ((int) (va >>> 5) & setMask) << 1;
        long key = pa >>> 5;
        if (probe[i] == key) return i;
        if (probe[i + 1] == key) return i + 1;
        return -1;
    }

    /** The line holding {@code pa} under any virtual index (any page colour), or -1: for diagnostics. */
    public int findAnyColour(long pa) {
        long key = pa >>> 5;
        int inPage = (int) (pa >>> 5) & 0x7F & setMask;
        int colours = Math.max(1, sets >>> 7);
        for (int c = 0; c < colours; c++) {
            int i = (inPage | (c << 7)) << 1;
            if (probe[i] == key) return i;
            if (probe[i + 1] == key) return i + 1;
        }
        return -1;
    }

    public static int wordIndex(int line, long pa) {
        return (line << 3) | ((int) pa >>> 2 & 7);
    }

    // ------------------------------------------------------------------ data access through a line

    public int read32(int line, long pa) {
        return data[wordIndex(line, pa)];
    }

    public int read16(int line, long pa) {
        int shift = (((int) pa & 2) ^ (ram.endianXor & 2)) << 3;
        return (data[wordIndex(line, pa)] >>> shift) & 0xFFFF;
    }

    public int read8(int line, long pa) {
        return (data[wordIndex(line, pa)] >>> ram.laneShift(pa)) & 0xFF;
    }

    /** Doubleword at an 8-aligned {@code pa}: most significant word first in big-endian (as PhysicalMemory). */
    public long read64(int line, long pa) {
        int w = wordIndex(line, pa & ~7L);
        long first = data[w] & 0xFFFFFFFFL, second = data[w + 1] & 0xFFFFFFFFL;
        return ram.bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    /** Writes into the line; {@code markDirty} is true for write-back pages, false for write-through. */
    public void write32(int line, long pa, int v, boolean markDirty) {
        data[wordIndex(line, pa)] = v;
        if (markDirty) dirty[line] = true;
    }

    public void write16(int line, long pa, int v, boolean markDirty) {
        int w = wordIndex(line, pa), shift = (((int) pa & 2) ^ (ram.endianXor & 2)) << 3;
        data[w] = (data[w] & ~(0xFFFF << shift)) | ((v & 0xFFFF) << shift);
        if (markDirty) dirty[line] = true;
    }

    public void write8(int line, long pa, int v, boolean markDirty) {
        int w = wordIndex(line, pa), shift = ram.laneShift(pa);
        data[w] = (data[w] & ~(0xFF << shift)) | ((v & 0xFF) << shift);
        if (markDirty) dirty[line] = true;
    }

    public void write64(int line, long pa, long v, boolean markDirty) {
        int w = wordIndex(line, pa & ~7L);
        int hi = (int) (v >>> 32), lo = (int) v;
        data[w] = ram.bigEndian ? hi : lo;
        data[w + 1] = ram.bigEndian ? lo : hi;
        if (markDirty) dirty[line] = true;
    }

    // ------------------------------------------------------------------ miss path and maintenance

    /** The line a refill of {@code va} would replace: the LRU way of its set. */
    public int victim(long va) {
        int set = (int) (va >>> 5) & setMask;
        return (set << 1) | lruWay[set];
    }

    /** The line holding {@code pa} if present, else the LRU victim (Fill_I refills in place). */
    public int victimOrHit(long va, long pa) {
        int line = find(va, pa);
        return line >= 0 ? line : victim(va);
    }

    public boolean isValid(int line) { return probe[line] != INVALID; }

    public boolean isDirty(int line) { return probe[line] != INVALID && dirty[line]; }

    /** Physical address of the line's first byte (valid or not). */
    public long linePa(int line) { return lineAddr[line] << 5; }

    /**
     * Loads the line for {@code pa} into {@code line} from RAM (the caller has written back a dirty
     * victim) and makes it most recently used. Returns {@code line}.
     */
    public int fill(int line, long pa) {
        dropFilter();
        int base = (int) (pa >>> 2) & ~7;
        System.arraycopy(ram.words, base, data, line << 3, WORDS_PER_LINE);
        long key = pa >>> 5;
        probe[line] = key;
        lineAddr[line] = key;
        dirty[line] = false;
        lruWay[line >>> 1] = (byte) ((line & 1) ^ 1);
        serial[line] = ++nextSerial;
        if (ops != null) predecode(line);
        misses++;
        return line;
    }

    private void predecode(int line) {
        int b = line << 3;
        java.util.function.IntBinaryOperator f = describer;
        for (int k = 0; k < WORDS_PER_LINE; k++) {
            int w = data[b + k];
            int h = (w * 0x9E3779B1) >>> (32 - MEMO_BITS);
            if (memoOp[h] < 0 || memoWord[h] != w) {
                int op = Decoder.decode(w).ordinal();
                memoWord[h] = w;
                memoOp[h] = op;
                memoDesc[h] = f == null ? 0 : f.applyAsInt(op, w);
            }
            ops[b + k] = memoOp[h];
            descs[b + k] = memoDesc[h];
        }
    }

    /** Copies the line's data to RAM and marks it clean (the caller charges the write-back time). */
    public void writeBack(int line) {
        dropFilter();
        if ((lineAddr[line] << 5) + LINE_BYTES > ram.sizeBytes) { // a tag stored by software outside RAM
            dirty[line] = false;
            return;
        }
        System.arraycopy(data, line << 3, ram.words, (int) (lineAddr[line] << 3), WORDS_PER_LINE);
        dirty[line] = false;
        writebacks++;
    }

    /** Drops the line (its data, dirty or not, is lost) and its predecoded instructions. */
    public void invalidate(int line) {
        dropFilter();
        probe[line] = INVALID;
        dirty[line] = false;
        serial[line] = ++nextSerial;
        if (ops != null) java.util.Arrays.fill(ops, line << 3, (line << 3) + WORDS_PER_LINE, -1);
    }

    /**
     * Index_Store_Tag: sets the line's tag and state directly. {@code paLine} is the physical line address
     * (PA >>> 5). A line made valid this way keeps its old data (the chip does not fill it).
     */
    public void storeTag(int line, long paLine, boolean valid, boolean isDirty) {
        dropFilter();
        lineAddr[line] = paLine;
        probe[line] = valid ? paLine : INVALID;
        dirty[line] = valid && isDirty;
        serial[line] = ++nextSerial;
        if (ops != null) {
            if (valid) predecode(line); else java.util.Arrays.fill(ops, line << 3, (line << 3) + WORDS_PER_LINE, -1);
        }
    }

    /** Line index for Index CACHE ops: set from VA[13:5], way from VA bit log2(way size) (§2.1). */
    public int indexLine(long va) {
        int set = (int) (va >>> 5) & setMask;
        int way = (va & waySizeBytes) != 0 ? 1 : 0;
        return (set << 1) | way;
    }

    /** Invalidates every line (reset). */
    public void invalidateAll() {
        for (int i = 0; i < probe.length; i++) invalidate(i);
        java.util.Arrays.fill(lruWay, (byte) 0);
        dropFilter();
    }
}
