package pebble.r5k.cpu;

import pebble.r5k.cache.CacheOps;
import pebble.r5k.cache.MemorySystem;

/**
 * The CACHE instruction against the functional caches (timing on; hardware reference §2.3). Hit ops,
 * Fill_I, Create_Dirty_Exclusive_D and Page_Invalidate_S translate the address like a load (a TLB miss
 * raises TLBL); Index ops use the VA bits only. TagLo is copied from CP0 for Index_Store_Tag and back for
 * Index_Load_Tag. Extra cycles (write-backs, fills, Page_Invalidate_S) go to the memory system's stall.
 */
final class TimedCacheOps implements CacheOpHandler {
    private final MemorySystem mem;
    private final CacheOps ops;

    TimedCacheOps(MemorySystem mem) {
        this.mem = mem;
        this.ops = new CacheOps(mem);
    }

    @Override
    public int perform(Cpu cpu, int op, long va) {
        long pa = 0;
        int cca = pebble.r5k.cache.CacheAttr.WRITE_BACK;
        if (CacheOps.needsPhysicalAddress(op)) {
            pa = cpu.mmu.translateCca(va, Mmu.LOAD);
            if (pa < 0) return Cpu.TRAPPED;
            cca = cpu.mmu.lastCca;
            if (pa + 32 > cpu.ram.sizeBytes) return Cpu.OK; // nothing outside RAM is ever cached
        }
        ops.tagLo = cpu.cp0.tagLo;
        mem.stall += ops.execute(op, va, pa, cca);
        if (op == CacheOps.INDEX_LOAD_TAG_I || op == CacheOps.INDEX_LOAD_TAG_D) {
            cpu.cp0.tagLo = ops.tagLo;
            cpu.cp0.tagHi = 0;
        }
        // The timed core keeps a pointer into the current I-cache line: make it probe again.
        if (CacheOps.touchesICache(op)) cpu.mmu.invalidateFetch();
        return Cpu.OK;
    }

    /** Ops the model executes as no-ops (for the statistics). */
    long unsupported() { return ops.unsupported; }
}
