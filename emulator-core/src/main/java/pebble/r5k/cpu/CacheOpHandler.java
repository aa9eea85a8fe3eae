package pebble.r5k.cpu;

/** Performs a CACHE instruction ({@code op} is the 5-bit field, {@code va} the effective address). */
public interface CacheOpHandler {
    int perform(Cpu cpu, int op, long va);

    /** Without a cache model CACHE has no architectural effect on data (memory is always current). */
    CacheOpHandler NONE = (cpu, op, va) -> Cpu.OK;
}
