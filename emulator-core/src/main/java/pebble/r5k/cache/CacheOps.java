package pebble.r5k.cache;

/**
 * Semantics of the CACHE instruction on the R5000 (hardware reference §2.3). The op is the instruction's
 * 5-bit rt field: bits 1:0 select the cache (0 = I, 1 = D, 3 = L2) and bits 4:2 the operation. Index ops
 * address a line by VA (set VA[13:5], way VA[14] for 32 KB caches); Hit ops act only if the address is
 * cached. {@link #execute} returns the extra cycles beyond {@code latency.cache}.
 *
 * <p>TagLo layout for Index_Load_Tag / Index_Store_Tag is [U] (§2.3; the only public hint is an SGI-O2 PROM
 * re-implementation): PTag = PA[35:12] in bits 31:8, PState in bits 7:6 with the R4000 encoding
 * 0 = invalid, 2 = valid clean, 3 = valid dirty (1 is read as valid clean). Other bits read as 0.
 *
 * <p>After any op that touches the I-cache, the interpreter must drop its cached "current fetch line".
 */
public final class CacheOps {
    public static final int INDEX_INVALIDATE_I = 0x00, INDEX_WRITEBACK_INV_D = 0x01,
            INDEX_LOAD_TAG_I = 0x04, INDEX_LOAD_TAG_D = 0x05, INDEX_STORE_TAG_I = 0x08, INDEX_STORE_TAG_D = 0x09,
            CREATE_DIRTY_EXCLUSIVE_D = 0x0D, HIT_INVALIDATE_I = 0x10, HIT_INVALIDATE_D = 0x11, FILL_I = 0x14,
            HIT_WRITEBACK_INV_D = 0x15, PAGE_INVALIDATE_S = 0x17, HIT_WRITEBACK_I = 0x18, HIT_WRITEBACK_D = 0x19;

    public static final int TAGLO_PSTATE_SHIFT = 6, TAGLO_PTAG_SHIFT = 8;
    public static final int PSTATE_INVALID = 0, PSTATE_CLEAN = 2, PSTATE_DIRTY = 3;

    private final MemorySystem m;
    /** CP0 TagLo: input of Index_Store_Tag, output of Index_Load_Tag (the caller copies it from/to CP0). */
    public int tagLo;
    /** Ops the R5000 model does not define (executed as no-ops [U]): counted for the statistics. */
    public long unsupported;

    public CacheOps(MemorySystem m) {
        this.m = m;
    }

    /** Whether the op needs the translated physical address (Hit ops, Fill, Create_Dirty, Page_Invalidate_S). */
    public static boolean needsPhysicalAddress(int op) {
        return op >= HIT_INVALIDATE_I || op == CREATE_DIRTY_EXCLUSIVE_D;
    }

    /** Whether the op can change the I-cache (the interpreter then re-probes its fetch line). */
    public static boolean touchesICache(int op) {
        return (op & 3) == 0;
    }

    /** Executes {@code op} for {@code va} (and {@code pa}, page attribute {@code cca}); returns extra cycles. */
    public long execute(int op, long va, long pa, int cca) {
        L1Cache ic = m.icache, dc = m.dcache;
        int line;
        switch (op) {
            case INDEX_INVALIDATE_I:
                ic.invalidate(ic.indexLine(va));
                return 0;
            case INDEX_WRITEBACK_INV_D: {
                line = dc.indexLine(va);
                long c = dc.isDirty(line) ? m.writeBackCharged(line) : 0;
                dc.invalidate(line);
                return c;
            }
            case INDEX_LOAD_TAG_I:
                tagLo = tagOf(ic, ic.indexLine(va));
                return 0;
            case INDEX_LOAD_TAG_D:
                tagLo = tagOf(dc, dc.indexLine(va));
                return 0;
            case INDEX_STORE_TAG_I:
                storeTag(ic, ic.indexLine(va));
                return 0;
            case INDEX_STORE_TAG_D:
                storeTag(dc, dc.indexLine(va));
                return 0;
            case CREATE_DIRTY_EXCLUSIVE_D: {
                line = dc.find(va, pa);
                long c = 0;
                if (line < 0) {
                    line = dc.victim(va);
                    if (dc.isDirty(line)) c = m.writeBackCharged(line);
                    // The line becomes valid and dirty without a memory read: its old bytes remain (§2.3).
                    dc.storeTag(line, pa >>> 5, true, true);
                } else {
                    dc.write32(line, pa, dc.read32(line, pa), true);
                }
                return c;
            }
            case HIT_INVALIDATE_I:
                line = ic.find(va, pa);
                if (line >= 0) ic.invalidate(line);
                return 0;
            case HIT_INVALIDATE_D:
                line = dc.find(va, pa);
                if (line >= 0) dc.invalidate(line); // dirty data is discarded, as on the chip
                return 0;
            case FILL_I:
                return m.fillICharged(ic.victimOrHit(va, pa), pa, cca);
            case HIT_WRITEBACK_INV_D: {
                line = dc.find(va, pa);
                if (line < 0) return 0;
                long c = dc.isDirty(line) ? m.writeBackCharged(line) : 0;
                dc.invalidate(line);
                return c;
            }
            case HIT_WRITEBACK_D:
                line = dc.find(va, pa);
                return line >= 0 && dc.isDirty(line) ? m.writeBackCharged(line) : 0;
            case HIT_WRITEBACK_I:
                // R4000 semantics: the I-cache line is written to memory unconditionally [U for the R5000].
                line = ic.find(va, pa);
                if (line < 0) return 0;
                ic.writeBack(line);
                m.writebackStalls += m.t.writebackCycles;
                return m.t.writebackCycles;
            case PAGE_INVALIDATE_S:
                m.l2.invalidatePage(pa);
                return m.t.l2PageInvalidateCycles;
            default:
                unsupported++;
                return 0;
        }
    }

    private static int tagOf(L1Cache c, int line) {
        int state = !c.isValid(line) ? PSTATE_INVALID : c.isDirty(line) ? PSTATE_DIRTY : PSTATE_CLEAN;
        long ptag = c.linePa(line) >>> 12;
        return (int) ((ptag & 0xFFFFFF) << TAGLO_PTAG_SHIFT) | (state << TAGLO_PSTATE_SHIFT);
    }

    private void storeTag(L1Cache c, int line) {
        int state = (tagLo >>> TAGLO_PSTATE_SHIFT) & 3;
        long ptag = (tagLo >>> TAGLO_PTAG_SHIFT) & 0xFFFFFFL;
        // PA[11:5] of the line is its set index within a page (VA[11:5] = PA[11:5]).
        long paLine = (ptag << 7) | ((line >>> 1) & 0x7F);
        c.storeTag(line, paLine, state != PSTATE_INVALID, state == PSTATE_DIRTY);
    }
}
