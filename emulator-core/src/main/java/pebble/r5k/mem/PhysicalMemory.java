package pebble.r5k.mem;

/**
 * Board RAM as an {@code int[]} of 32-bit words. A word at byte address {@code a} is {@code words[a >>> 2]}
 * and holds the value a 32-bit load of that address returns, whichever the endianness; the byte lane of
 * a narrower access is chosen by {@link #laneShift}. (This is the classic MIPS "reverse-endian by address
 * xor" layout: word loads and stores cost nothing extra in either endianness.)
 */
public final class PhysicalMemory {
    public final int[] words;
    public final long sizeBytes;
    /** 3 for big-endian, 0 for little-endian: xor applied to the byte offset inside a word. */
    public final int endianXor;
    public final boolean bigEndian;

    /**
     * A zeroed RAM array of one size being allocated on a thread of its own (the CLI asks for one at start-up,
     * {@link #allocateAhead}), for the next PhysicalMemory of that size; null when none was asked for or it was
     * taken.
     */
    private static java.util.concurrent.FutureTask<int[]> ahead;
    private static int aheadWords;

    /**
     * Starts allocating a RAM array of {@code sizeBytes} on another thread, for the next PhysicalMemory of that
     * size. The JVM zeroes a new array, and the first touch of each of its pages makes the kernel zero it again:
     * for the default 64 MB, 5 to 180 ms on the 2-core test machine depending on whether transparent huge pages
     * were to be had (docs/translator.md, "Start-up", the RAM array). The CLI calls this before it parses its
     * arguments, so the zeroing overlaps that and the loading of the image. An array nobody takes is garbage; a
     * RAM of another size is allocated as before. Only the contents matter to the guest, and both ways they are
     * zeroes. A size the constructor would refuse is ignored here.
     */
    public static synchronized void allocateAhead(long sizeBytes) {
        if (ahead != null || !validSize(sizeBytes)) return;
        int n = (int) (sizeBytes >>> 2);
        java.util.concurrent.FutureTask<int[]> task = new java.util.concurrent.FutureTask<>(() -> new int[n]);
        Thread t = new Thread(task, "pebble-ram");
        t.setDaemon(true);
        ahead = task;
        aheadWords = n;
        t.start();
    }

    /** A positive multiple of 4 KB up to 2 GB. */
    private static boolean validSize(long sizeBytes) {
        return sizeBytes > 0 && (sizeBytes & 0xFFF) == 0 && sizeBytes <= (1L << 31);
    }

    /** The array allocated ahead if it has {@code n} words (waiting for it if need be), else a new one. */
    private static int[] zeroedWords(int n) {
        java.util.concurrent.FutureTask<int[]> task;
        synchronized (PhysicalMemory.class) {
            task = ahead != null && aheadWords == n ? ahead : null;
            if (task != null) ahead = null;
        }
        if (task != null) {
            try {
                return task.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // (out of memory there: try here, where the error is reported as usual)
            }
        }
        return new int[n];
    }

    public PhysicalMemory(long sizeBytes, boolean bigEndian) {
        if (!validSize(sizeBytes)) {
            throw new IllegalArgumentException("RAM size must be a positive multiple of 4 KB up to 2 GB: " + sizeBytes);
        }
        this.sizeBytes = sizeBytes;
        this.words = zeroedWords((int) (sizeBytes >>> 2));
        this.bigEndian = bigEndian;
        this.endianXor = bigEndian ? 3 : 0;
    }

    /** Bit shift of the byte at {@code pa} inside its word. */
    public int laneShift(long pa) {
        return (((int) pa & 3) ^ endianXor) << 3;
    }

    public int read8(long pa) {
        return (words[(int) (pa >>> 2)] >>> laneShift(pa)) & 0xFF;
    }

    public int read16(long pa) {
        // Halfword lane: the halfword at offset 0 is the high half in big-endian.
        int shift = (((int) pa & 2) ^ (endianXor & 2)) << 3;
        return (words[(int) (pa >>> 2)] >>> shift) & 0xFFFF;
    }

    public int read32(long pa) {
        return words[(int) (pa >>> 2)];
    }

    /** Doubleword: the most significant word is at the lower address in big-endian. */
    public long read64(long pa) {
        int i = (int) (pa >>> 2);
        long first = words[i] & 0xFFFFFFFFL, second = words[i + 1] & 0xFFFFFFFFL;
        return bigEndian ? (first << 32) | second : (second << 32) | first;
    }

    public void write8(long pa, int value) {
        int i = (int) (pa >>> 2), shift = laneShift(pa);
        words[i] = (words[i] & ~(0xFF << shift)) | ((value & 0xFF) << shift);
    }

    public void write16(long pa, int value) {
        int i = (int) (pa >>> 2), shift = (((int) pa & 2) ^ (endianXor & 2)) << 3;
        words[i] = (words[i] & ~(0xFFFF << shift)) | ((value & 0xFFFF) << shift);
    }

    public void write32(long pa, int value) {
        words[(int) (pa >>> 2)] = value;
    }

    public void write64(long pa, long value) {
        int i = (int) (pa >>> 2);
        int hi = (int) (value >>> 32), lo = (int) value;
        words[i] = bigEndian ? hi : lo;
        words[i + 1] = bigEndian ? lo : hi;
    }

    /** Copies bytes in memory order (as an ELF segment lists them) to {@code pa}. */
    public void loadBytes(long pa, byte[] data, int off, int len) {
        for (int k = 0; k < len; k++) write8(pa + k, data[off + k]);
    }

    public boolean contains(long pa, long len) {
        return pa >= 0 && len >= 0 && pa + len <= sizeBytes;
    }
}
