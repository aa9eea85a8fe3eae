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
     * The set filter (D-cache; set by {@link MemorySystem}, docs/translator.md "The data path"): per set, the
     * virtual line {@code mruVa[set]} through which a write-back access last reached the set's most recently
     * used line, and that line ({@code mruLine[set]}). Another access to the same virtual line is a hit that
     * changes no LRU bit, so the caller may skip translation and probe; a set keeps its entry while other sets
     * are used, so code that walks a few lines hits on each (the last-line filter in front of it misses at every
     * line change). The test is {@code (va & ~31) == mruVa[setOf(va)]}: -1 when unset, which no masked address
     * equals (kseg3's last line is -32; DCacheFilterTest). Every change of the set's tags, validity or LRU other
     * than a hit through the filter drops the set's entry ({@link #dropSet}). {@code mruStoreVa[set]} is the same
     * line when a store reached it (its translation allowed writing: TLB D set), else -1: only it may take stores.
     *
     * <p>Two views, so that the context changes of a kernel (every exception entry, ERET and ASID change) keep
     * what still holds ({@code cpu.Mmu} tells which change it is): {@code mruVa} and {@code mruStoreVa} are the
     * kernel view's arrays in kernel mode and the other view's elsewhere ({@link #selectView}). The kernel view
     * takes every entry made in kernel mode; the other view only 32-bit kuseg lines (0 to 2^31), legal in every
     * mode with the same translation, and those go into both views. A mode change then drops nothing; an ASID
     * change or a TLB write drops the mapped lines only ({@link #dropMapped}: kseg0 and xkphys lines stay); any
     * other change of a translation drops all ({@link #dropFilter}).
     */
    private long[] mruVa, mruStoreVa;
    private final int[] mruLine;
    /**
     * The last-line filter in front of the set filter: one of its entries, the last one hit or set, in fields,
     * so that translated code tests it with one compare ({@code cpu.InlineMemory}; a test of the set filter
     * inline in every access doubled what C2 spent on each region, docs/translator.md "The data path"). It
     * holds only what the set filter holds, and every drop of a set filter entry drops it too.
     */
    public long filterVa = INVALID, filterStoreVa = INVALID;
    public int filterLine;

    private final long[] kernelVa, kernelStoreVa, otherVa, otherStoreVa;
    /**
     * The sets holding entries of mapped and of unmapped lines since the last drop of them, so that a drop at
     * every context change costs what was set, not the whole table; {@code logged[set]} says in which log a set
     * is (bit 0 mapped, bit 1 unmapped), so neither holds a set twice.
     */
    private final int[] mappedLog, unmappedLog;
    private final byte[] logged;
    private int mappedCount, unmappedCount;

    /** Whether a line's translation is fixed (kseg0, xkphys): no ASID or TLB entry stands behind it. */
    static boolean unmapped(long va) {
        return (va >>> 62) == 2 || (va >= 0xFFFFFFFF80000000L && va < 0xFFFFFFFFA0000000L);
    }

    /**
     * Sets the filter entries of the set of {@code lineVa}: a write-back access just made {@code line} its MRU
     * line. A kuseg line goes into both views; another line into the kernel view, when the access was made in
     * kernel mode, and into neither otherwise (the other view serves user and supervisor mode, whose 64-bit
     * segments depend on UX and SX).
     */
    void setFilter(long lineVa, int line, boolean store) {
        int set = (int) (lineVa >>> 5) & setMask;
        boolean kuseg = lineVa >= 0 && lineVa < 0x80000000L;
        if (!kuseg && mruVa != kernelVa) { // (not in kernel mode)
            dropSet(set);
            return;
        }
        if (unmapped(lineVa)) {
            if ((logged[set] & 2) == 0) { logged[set] |= 2; unmappedLog[unmappedCount++] = set; }
        } else if ((logged[set] & 1) == 0) {
            logged[set] |= 1;
            mappedLog[mappedCount++] = set;
        }
        // A load keeps the store entry of the same virtual line: the line stays MRU and the translation is the same.
        long storeVa = store || mruStoreVa[set] == lineVa ? lineVa : INVALID;
        mruLine[set] = line;
        filterVa = lineVa;
        filterStoreVa = storeVa;
        filterLine = line;
        kernelVa[set] = lineVa;
        kernelStoreVa[set] = storeVa;
        otherVa[set] = kuseg ? lineVa : INVALID; // (else another line's entry, no longer MRU)
        otherStoreVa[set] = kuseg ? storeVa : INVALID;
    }

    /**
     * The set filter's test for an access of {@code va} ({@code mask}: {@code ~31 | size - 1}, so that a misaligned
     * address matches nothing): on a hit, counted, the index in {@link #data} of the word holding {@code va}; else
     * -1. The hit also becomes the last-line filter. {@code cpu.Cpu}'s loads call it when the last-line filter missed.
     */
    public static int loadIndex(L1Cache d, long va, long mask) {
        int set = (int) (va >>> 5) & d.setMask;
        return (va & mask) == d.mruVa[set] ? d.hit(set, va) : -1;
    }

    /** {@link #loadIndex} for a store: the store entry, and the line becomes dirty (write-back). */
    public static int storeIndex(L1Cache d, long va, long mask) {
        int set = (int) (va >>> 5) & d.setMask;
        if ((va & mask) != d.mruStoreVa[set]) return -1;
        d.dirty[d.mruLine[set]] = true;
        return d.hit(set, va);
    }

    /** A hit through the entry of {@code set}: counted, and the entry becomes the last-line filter. */
    private int hit(int set, long va) {
        hits++;
        int line = mruLine[set];
        filterVa = mruVa[set];
        filterStoreVa = mruStoreVa[set]; // (the same line or none)
        filterLine = line;
        return line << 3 | ((int) va >>> 2 & 7);
    }

    private void dropLastLine() {
        filterVa = INVALID;
        filterStoreVa = INVALID;
    }

    /** Drops the filter entries of one set: its tags, validity or LRU changed. */
    void dropSet(int set) {
        dropLastLine();
        kernelVa[set] = INVALID;
        kernelStoreVa[set] = INVALID;
        otherVa[set] = INVALID;
        otherStoreVa[set] = INVALID;
    }

    /** Drops every filter entry: a translation changed. */
    public void dropFilter() {
        dropMapped();
        for (int i = 0, n = unmappedCount; i < n; i++) {
            int set = unmappedLog[i];
            dropSet(set);
            logged[set] = 0;
        }
        unmappedCount = 0;
    }

    /** Drops the entries of mapped lines: an ASID or a TLB entry changed. Entries of unmapped lines stay. */
    public void dropMapped() {
        dropLastLine();
        for (int i = 0, n = mappedCount; i < n; i++) {
            int set = mappedLog[i];
            if (!unmapped(kernelVa[set])) {
                kernelVa[set] = INVALID;
                kernelStoreVa[set] = INVALID;
            }
            otherVa[set] = INVALID; // (only kuseg lines there)
            otherStoreVa[set] = INVALID;
            logged[set] &= ~1;
        }
        mappedCount = 0;
    }

    /** The view the accesses read: the kernel's in kernel mode, else the other one. */
    public void selectView(boolean kernel) {
        long[] view = kernel ? kernelVa : otherVa;
        if (view != mruVa) dropLastLine(); // (it may hold a kernel line)
        mruVa = view;
        mruStoreVa = kernel ? kernelStoreVa : otherStoreVa;
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
        kernelVa = new long[sets];
        kernelStoreVa = new long[sets];
        otherVa = new long[sets];
        otherStoreVa = new long[sets];
        mruLine = new int[sets];
        mappedLog = new int[sets];
        unmappedLog = new int[sets];
        logged = new byte[sets];
        for (long[] a : new long[][] {kernelVa, kernelStoreVa, otherVa, otherStoreVa}) java.util.Arrays.fill(a, INVALID);
        selectView(true);
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
        dropSet(line >>> 1);
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
        dropSet(line >>> 1);
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
        dropSet(line >>> 1);
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
        dropSet(line >>> 1);
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
