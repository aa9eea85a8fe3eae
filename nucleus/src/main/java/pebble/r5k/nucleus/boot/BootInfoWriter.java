package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.nucleus.layout.Struct;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static pebble.r5k.nucleus.layout.NucleusLayout.*;

/**
 * Writes the boot information the nucleus reads at BOOTINFO_BASE (docs/nucleus.md "Memory map"): a BootInfo
 * header, the BootDomain array, then each domain's BootMapping and BootStack arrays, then the BootPortal
 * array. Every offset comes from the layout; the area is built in memory and copied in once.
 */
final class BootInfoWriter {
    /** One page mapping: user VA → physical frame, PTE flag bits (everything but the PFN). */
    record Mapping(long va, long pa, long flags) {}

    /** A user stack pair as its two EntryLo values. */
    record StackPair(long lo0, long lo1) {}

    record DomainRecord(String name, long entry, List<Mapping> mappings, StackPair userStack, List<StackPair> queue) {}

    record PortalRecord(int domain, int index, long code) {}

    private final byte[] area = new byte[(int) (BOOTINFO_LIMIT - BOOTINFO_BASE)];
    private int used;

    /** Lays out and copies the records into the machine's RAM. */
    void write(Machine m, List<DomainRecord> domains, List<PortalRecord> portals) {
        int header = alloc(BOOTINFO.sizeBytes(), BOOTINFO.align());
        int doms = alloc(domains.size() * BOOTDOM.sizeBytes(), BOOTDOM.align());
        put(BOOTINFO, header, "MAGIC", BOOTINFO.constants().get(0).value());
        put(BOOTINFO, header, "DOMAIN_COUNT", domains.size());
        put(BOOTINFO, header, "DOMAINS", address(doms));
        for (int d = 0; d < domains.size(); d++) {
            DomainRecord r = domains.get(d);
            int rec = doms + d * BOOTDOM.sizeBytes();
            byte[] name = r.name().getBytes(StandardCharsets.ISO_8859_1);
            int nameBytes = BOOTDOM.field("NAME").sizeBytes();
            System.arraycopy(name, 0, area, rec + BOOTDOM.offset("NAME"), Math.min(name.length, nameBytes));
            put(BOOTDOM, rec, "ENTRY", r.entry());
            int maps = alloc(r.mappings().size() * BOOTMAP.sizeBytes(), BOOTMAP.align());
            for (int i = 0; i < r.mappings().size(); i++) {
                Mapping mp = r.mappings().get(i);
                int at = maps + i * BOOTMAP.sizeBytes();
                put(BOOTMAP, at, "VA", mp.va());
                put(BOOTMAP, at, "PA", mp.pa());
                put(BOOTMAP, at, "FLAGS", mp.flags());
            }
            put(BOOTDOM, rec, "MAPPING_COUNT", r.mappings().size());
            put(BOOTDOM, rec, "MAPPINGS", address(maps));
            int stacks = alloc(r.queue().size() * BOOTSTACK.sizeBytes(), BOOTSTACK.align());
            for (int i = 0; i < r.queue().size(); i++) {
                int at = stacks + i * BOOTSTACK.sizeBytes();
                put(BOOTSTACK, at, "LO0", r.queue().get(i).lo0());
                put(BOOTSTACK, at, "LO1", r.queue().get(i).lo1());
            }
            put(BOOTDOM, rec, "STACK_COUNT", r.queue().size());
            put(BOOTDOM, rec, "STACKS", address(stacks));
            put(BOOTDOM, rec, "USER_STACK_LO0", r.userStack().lo0());
            put(BOOTDOM, rec, "USER_STACK_LO1", r.userStack().lo1());
        }
        int ports = alloc(portals.size() * BOOTPORTAL.sizeBytes(), BOOTPORTAL.align());
        for (int i = 0; i < portals.size(); i++) {
            int at = ports + i * BOOTPORTAL.sizeBytes();
            put(BOOTPORTAL, at, "DOMAIN", portals.get(i).domain());
            put(BOOTPORTAL, at, "INDEX", portals.get(i).index());
            put(BOOTPORTAL, at, "CODE", portals.get(i).code());
        }
        put(BOOTINFO, header, "PORTAL_COUNT", portals.size());
        put(BOOTINFO, header, "PORTALS", address(ports));
        int[] words = new int[(used + 3) / 4];
        for (int i = 0; i < used; i++) words[i >> 2] |= (area[i] & 0xFF) << (8 * (3 - (i & 3)));
        m.writeWords(BOOTINFO_BASE, words);
    }

    private int alloc(int bytes, int align) {
        int at = (used + align - 1) & -align;
        if (at + bytes > area.length) {
            throw new SystemImageException("the boot information does not fit in its " + area.length / 1024 + " KB area");
        }
        used = at + bytes;
        return at;
    }

    private static long address(int offset) { return BOOTINFO_BASE + offset; }

    /** A 32-bit field, big-endian (the nucleus runs big-endian). */
    private void put(Struct s, int base, String field, long value) {
        int at = base + s.offset(field);
        if (s.field(field).width().bytes != 4) throw new IllegalStateException(s.name() + "." + field + " is not a word");
        for (int i = 0; i < 4; i++) area[at + i] = (byte) (value >>> (8 * (3 - i)));
    }

    /** EntryLo flags of a user page: cacheable write-back (as the paper's system ran), valid, dirty if writable. */
    static long userPageFlags(boolean isWritable) {
        return pageFlags(isWritable, true);
    }

    /** EntryLo flags: valid, dirty if writable, cacheable write-back or uncached. */
    static long pageFlags(boolean isWritable, boolean isCached) {
        long c = pteConstant(isCached ? "PTE_C_WRITEBACK" : "PTE_C_UNCACHED");
        return (c << pteShift("C")) | pteMask("V") | (isWritable ? pteMask("D") : 0);
    }

    /** PTE bit 31: a window page (docs/nucleus.md). */
    static long windowMark() {
        return pteMask("WINDOW");
    }

    /** BootMapping flag: the domain owns the window page (nucleus sets its counter to 1). */
    static long windowOwnerFlag() {
        return BOOTMAP.constants().stream().filter(k -> k.name().equals("BOOTMAP_FLAG_WINDOW_OWNER")).findFirst().orElseThrow().value();
    }

    private static long pteConstant(String name) {
        return NucleusLayout.PTE.constants().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow().value();
    }

    /** The EntryLo value mapping physical frame {@code pa} with {@code flags}. */
    static long entryLo(long pa, long flags) {
        return ((pa >>> PAGE_SHIFT) << pteShift("PFN")) | flags;
    }

    private static int pteShift(String bit) {
        return bitField(bit).shift();
    }

    private static long pteMask(String bit) {
        return bitField(bit).mask();
    }

    private static pebble.r5k.nucleus.layout.Field.BitField bitField(String bit) {
        return PTE.field("WORD").bits().stream().filter(b -> b.name().equals(bit)).findFirst().orElseThrow();
    }
}
