package pebble.r5k.nucleus.boot;

import pebble.r5k.Machine;
import pebble.r5k.nucleus.build.NucleusBuild;
import pebble.r5k.nucleus.build.NucleusImage;
import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.timing.TimingTable;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static pebble.r5k.nucleus.layout.NucleusLayout.*;

/**
 * Builds a bootable system image: the nucleus, one protection domain per user program (its segments copied
 * into frames allocated from USER_FRAMES_PHYS, BSS zeroed, a user stack pair and a stack queue), portal code
 * placed in the portal code area, and the boot information the nucleus turns into domains, page tables and
 * portal table entries at boot (the guest does that work: this class only lays out memory). The result is a
 * {@link Machine} at the nucleus entry.
 */
public final class SystemBuilder {
    private final List<UserProgram> programs = new ArrayList<>();
    private final List<BootInfoWriter.PortalRecord> portals = new ArrayList<>();
    private final List<int[]> portalCode = new ArrayList<>();
    private final Map<Integer, List<BootInfoWriter.Mapping>> physicalMappings = new TreeMap<>();
    /** Per domain: {window page k, PTE flags}. */
    private final Map<Integer, List<long[]>> windowMappings = new TreeMap<>();
    private long portalNext = PORTAL_CODE_BASE;
    /** The timing model's table, or null for the functional mode. */
    private TimingTable timingTable = TimingTable.defaults();
    private java.util.function.Consumer<String> coherenceSink;
    private int translateAfter = Machine.DEFAULT_TRANSLATE_AFTER;
    private int stackQueueStacks = 2;
    private long ramBytes = Machine.DEFAULT_RAM_BYTES;
    private OutputStream console = System.out;
    private InputStream consoleIn = InputStream.nullInputStream();

    /** The nucleus's labels (name → KSEG0 address), for portal code that refers to nucleus structures. */
    public static Map<String, Long> nucleusSymbols() {
        return NucleusBuild.image().symbols();
    }

    public SystemBuilder program(UserProgram p) {
        if (programs.size() == MAX_DOMAINS) throw new SystemImageException("at most " + MAX_DOMAINS + " domains");
        programs.add(p);
        return this;
    }

    /** An assembly source held in memory ({@code name} ending in .s or .S), assembled at USER_TEXT_VA. */
    public SystemBuilder programSource(String name, String text) { return program(UserProgram.fromSource(name, text, null)); }

    /** A .s/.S source or an ELF executable. */
    public SystemBuilder programFile(Path path) { return program(UserProgram.fromFile(path)); }

    public SystemBuilder programElf(String name, byte[] elf) { return program(UserProgram.fromElf(name, elf)); }

    public SystemBuilder timing(boolean on) { timingTable = on ? TimingTable.defaults() : null; return this; }

    /** The timing model with {@code table} (a what-if table, `--timing FILE`), or null for the functional mode. */
    public SystemBuilder timing(TimingTable table) { timingTable = table; return this; }

    /** Where `--check-coherence` diagnostics go (Machine#enableTiming), or null for none. */
    public SystemBuilder coherenceSink(java.util.function.Consumer<String> sink) { coherenceSink = sink; return this; }

    /** Block translation threshold (Machine#setTranslateAfter; 0 = never). */
    public SystemBuilder translateAfter(int n) { translateAfter = n; return this; }

    /** Stacks on each domain's stack queue (for `n` portals, §5.4). */
    public SystemBuilder stackQueueStacks(int n) {
        if (n < 0) throw new IllegalArgumentException("stack count must be >= 0");
        stackQueueStacks = n;
        return this;
    }

    public SystemBuilder console(OutputStream out) { console = out; return this; }

    /** The console UART's input (null: none). */
    public SystemBuilder consoleIn(InputStream in) { consoleIn = in != null ? in : InputStream.nullInputStream(); return this; }

    /** Where the next {@link #addPortal} code will start (the portal code area is contiguous, §5.2). */
    public long nextPortalAddress() { return portalNext; }

    /**
     * Places {@code codeWords} in the portal code area and records that the nucleus installs it at boot as
     * entry {@code portalIndex} of domain {@code domain}'s portal table (the guest writes the table).
     * Returns the code's address. The domain must exist when {@link #build} runs.
     */
    public long addPortal(int domain, int portalIndex, int[] codeWords) {
        if (portalIndex < 0 || portalIndex >= PORTAL_TABLE_ENTRIES) {
            throw new SystemImageException("portal index " + portalIndex + " is outside 0.." + (PORTAL_TABLE_ENTRIES - 1));
        }
        if (domain < 0 || domain >= MAX_DOMAINS) throw new SystemImageException("domain " + domain + " is outside 0.." + (MAX_DOMAINS - 1));
        long at = portalNext;
        if (at + 4L * codeWords.length > PORTAL_CODE_LIMIT) throw new SystemImageException("the portal code area is full");
        portalCode.add(codeWords.clone());
        portals.add(new BootInfoWriter.PortalRecord(domain, portalIndex, at));
        portalNext += 4L * codeWords.length;
        return at;
    }

    /**
     * Maps physical page {@code pa} (a device, or any frame) at user page {@code va} of domain {@code domain}:
     * what a user-level driver needs (§3.6: drivers are servers). Tests use it to reach a bus hole.
     */
    public SystemBuilder mapPhysical(int domain, long va, long pa, boolean isWritable, boolean isCached) {
        long page = 1L << PAGE_SHIFT;
        if ((va & (page - 1)) != 0 || (pa & (page - 1)) != 0) throw new SystemImageException(String.format("0x%x -> 0x%x: not page aligned", va, pa));
        if (va < 0 || va >= USER_STACK_VA) throw new SystemImageException(String.format("0x%x is not a user page below the stack", va));
        physicalMappings.computeIfAbsent(domain, d -> new ArrayList<>())
                .add(new BootInfoWriter.Mapping(va, pa, BootInfoWriter.pageFlags(isWritable, isCached)));
        return this;
    }

    /**
     * Maps window page {@code k} (VA WINDOW_VA_BASE + k pages, §5.3) into {@code domain}, marked as a window
     * page so the refill handler checks the domain's WindowAccess counter before loading it. All domains
     * mapping page k share one frame. The owner's counter starts at 1 (it may always touch the page);
     * everyone else's at 0 until a `w` portal grants access.
     */
    public SystemBuilder mapWindow(int domain, int k, boolean isOwner) {
        if (k < 0 || k >= WINDOW_PAGES) throw new SystemImageException("window page " + k + " is outside 0.." + (WINDOW_PAGES - 1));
        long flags = BootInfoWriter.userPageFlags(true) | BootInfoWriter.windowMark() | (isOwner ? BootInfoWriter.windowOwnerFlag() : 0);
        windowMappings.computeIfAbsent(domain, d -> new ArrayList<>()).add(new long[] {k, flags});
        return this;
    }

    /** Installs code already placed by {@link #addPortal} in another domain's table as well. */
    public void installPortal(int domain, int portalIndex, long codeAddress) {
        if (codeAddress < PORTAL_CODE_BASE || codeAddress >= portalNext) throw new SystemImageException(String.format("0x%x is not placed portal code", codeAddress));
        portals.add(new BootInfoWriter.PortalRecord(domain, portalIndex, codeAddress));
    }

    public BootedSystem build() {
        for (BootInfoWriter.PortalRecord p : portals) {
            if (p.domain() >= programs.size()) {
                throw new SystemImageException("a portal is installed in domain " + p.domain() + ", but there are only " + programs.size() + " programs");
            }
        }
        NucleusImage nucleus = NucleusBuild.image();
        Machine m = Machine.create(true, ramBytes, console, consoleIn);
        if (timingTable != null) m.enableTiming(timingTable, coherenceSink, translateAfter);
        else m.setTranslateAfter(translateAfter);
        nucleus.loadInto(m);
        long codeAt = PORTAL_CODE_BASE;
        for (int[] code : portalCode) {
            m.writeWords(codeAt, code);
            codeAt += 4L * code.length;
        }
        FrameAllocator frames = new FrameAllocator(ramBytes);
        List<BootInfoWriter.DomainRecord> domains = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int d : physicalMappings.keySet()) {
            if (d >= programs.size()) throw new SystemImageException("a physical mapping names domain " + d + ", but there are only " + programs.size() + " programs");
        }
        for (int d : windowMappings.keySet()) {
            if (d >= programs.size()) throw new SystemImageException("a window mapping names domain " + d + ", but there are only " + programs.size() + " programs");
        }
        Map<Long, Long> windowFrames = new TreeMap<>();
        for (List<long[]> ws : windowMappings.values()) {
            for (long[] w : ws) {
                windowFrames.computeIfAbsent(w[0], k -> {
                    long pa = frames.next("window page " + k);
                    writeFrame(m, pa, new byte[1 << PAGE_SHIFT]);
                    return pa;
                });
            }
        }
        for (int d = 0; d < programs.size(); d++) {
            List<BootInfoWriter.Mapping> extra = new ArrayList<>(physicalMappings.getOrDefault(d, List.of()));
            for (long[] w : windowMappings.getOrDefault(d, List.of())) {
                extra.add(new BootInfoWriter.Mapping(WINDOW_VA_BASE + (w[0] << PAGE_SHIFT), windowFrames.get(w[0]), w[1]));
            }
            domains.add(load(m, programs.get(d), frames, extra));
            names.add(programs.get(d).name());
        }
        new BootInfoWriter().write(m, domains, portals);
        m.start(nucleus.entry());
        return new BootedSystem(m, nucleus, names);
    }

    /** Copies the program's pages into fresh frames and describes the domain for the nucleus. */
    private BootInfoWriter.DomainRecord load(Machine m, UserProgram p, FrameAllocator frames, List<BootInfoWriter.Mapping> extra) {
        TreeMap<Long, byte[]> pages = new TreeMap<>();
        TreeMap<Long, Boolean> writable = new TreeMap<>();
        long pageSize = 1L << PAGE_SHIFT;
        for (UserProgram.Segment s : p.segments()) {
            for (long va = s.vaddr() & -pageSize; va < s.vaddr() + s.memSize(); va += pageSize) {
                pages.computeIfAbsent(va, k -> new byte[(int) pageSize]);
                writable.merge(va, s.isWritable(), Boolean::logicalOr);
            }
            byte[] b = s.bytes();
            for (int i = 0; i < b.length; i++) {
                long va = s.vaddr() + i;
                pages.get(va & -pageSize)[(int) (va & (pageSize - 1))] = b[i];
            }
        }
        List<BootInfoWriter.Mapping> maps = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : pages.entrySet()) {
            long pa = frames.next(p.name());
            writeFrame(m, pa, e.getValue());
            maps.add(new BootInfoWriter.Mapping(e.getKey(), pa, BootInfoWriter.userPageFlags(writable.get(e.getKey()))));
        }
        maps.addAll(extra);
        BootInfoWriter.StackPair user = stackPair(m, frames, p.name());
        List<BootInfoWriter.StackPair> queue = new ArrayList<>();
        for (int i = 0; i < stackQueueStacks; i++) queue.add(stackPair(m, frames, p.name()));
        return new BootInfoWriter.DomainRecord(p.name(), p.entry(), maps, user, queue);
    }

    private static BootInfoWriter.StackPair stackPair(Machine m, FrameAllocator frames, String name) {
        long flags = BootInfoWriter.userPageFlags(true);
        long even = frames.next(name), odd = frames.next(name);
        byte[] zero = new byte[1 << PAGE_SHIFT];
        writeFrame(m, even, zero);
        writeFrame(m, odd, zero);
        return new BootInfoWriter.StackPair(BootInfoWriter.entryLo(even, flags), BootInfoWriter.entryLo(odd, flags));
    }

    private static void writeFrame(Machine m, long pa, byte[] page) {
        int[] words = new int[page.length / 4];
        for (int i = 0; i < page.length; i++) words[i >> 2] |= (page[i] & 0xFF) << (8 * (3 - (i & 3)));
        m.writeWords(NucleusLayout.NUCLEUS_BASE | pa, words);
    }

    /** Physical 4 KB frames from USER_FRAMES_PHYS upwards. */
    private static final class FrameAllocator {
        private final long limit;
        private long next = USER_FRAMES_PHYS;

        FrameAllocator(long ramBytes) { this.limit = ramBytes; }

        long next(String forWhom) {
            if (next + (1L << PAGE_SHIFT) > limit) throw new SystemImageException(forWhom + ": out of physical memory for user frames");
            long pa = next;
            next += 1L << PAGE_SHIFT;
            return pa;
        }
    }
}
