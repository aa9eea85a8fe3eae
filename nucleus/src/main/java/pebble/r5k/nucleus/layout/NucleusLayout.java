package pebble.r5k.nucleus.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Every nucleus data structure and constant of docs/nucleus.md, declared once. The guest assembly reads
 * them through the generated {@code nucleus-layout.inc} ({@link AsmIncludeWriter}); the image builder, the
 * portal generator and the tests read the same objects. Names here are a contract with the portal generator:
 * keep them stable. Section numbers (§) refer to the Pebble paper.
 */
public final class NucleusLayout {
    private NucleusLayout() {}

    // ---------------------------------------------------------------- sizes of the static tables
    public static final int MAX_DOMAINS = 32;
    /** One thread per domain at boot, plus room for threads created later. */
    public static final int MAX_THREADS = 32;
    public static final int PORTAL_TABLE_ENTRIES = 64;
    /** Frames per thread invocation stack: the nesting depth of portal calls (one more for an interrupt). */
    public static final int INVSTACK_FRAMES = 16;
    /** Stack-queue stacks over all domains (StackDescriptor pool). */
    public static final int MAX_STACKS = 128;
    /** Pages of the window region (§5.3), each with its own WindowAccess. */
    public static final int WINDOW_PAGES = 64;
    /** WindowAccess counters: one per ASID; ASIDs run 1..MAX_DOMAINS, 0 is never given. */
    public static final int WINDOW_ACCESS_COUNTERS = 64;

    // ---------------------------------------------------------------- structures

    /** §5.1 and Figure 3: the per-thread state the portal code reads through $k1. */
    public static final Struct THREAD = Struct.builder("Thread", "THREAD", "a thread (§5.1, Figure 3); `nucleus_current` points at the running one")
            .ptr("PORTAL_TABLE", "the current portal table (of the domain the thread is in now)")
            .ptr("DOMAIN", "the current Domain")
            .ptr("INVSP", "next free byte of the invocation stack (grows upward)")
            .ptr("INVSTACK_BASE", "first byte of the invocation stack (empty when INVSP equals it)")
            .ptr("INVSTACK_LIMIT", "end of the invocation stack: a push needs INVSP + INVFRAME_SIZE ≤ LIMIT")
            .ptr("INTSTACK", "top of the thread's interrupt stack (kernel stack of the interrupt dispatcher)")
            .u32("STACK_LO0", "EntryLo0 of the current user stack pair (TLB entry 0 while running, §5.2)")
            .u32("STACK_LO1", "EntryLo1 of the current user stack pair")
            .u32("ID", "thread number (slot index), what PORTAL_THREAD_ID returns")
            .u32("STATE", "THREAD_STATE_*")
            .ptr("NEXT", "next Thread of the stack-wait list it is on (THREAD_STATE_STACK_WAIT), 0 at the end")
            .ptr("HOME_DOMAIN", "the Domain the thread was created in (terminated with it)")
            .ptr("FAULT_FRAME", "the INVFRAME_KIND_FAULT frame of the fault its domain's fault portal is handling, 0 when none")
            .constant("STATE_FREE", 0, "slot unused")
            .constant("STATE_RUNNABLE", 1, "on the run queue or running")
            .constant("STATE_DEAD", 2, "ended (its domain exited or faulted)")
            .constant("STATE_STACK_WAIT", 3, "waiting for a stack of a Domain's stack queue (on its STACK_WAITERS list, §5.4)")
            .indexed().build();

    public static final Struct DOMAIN = Struct.builder("Domain", "DOMAIN", "a protection domain (§5.2): slot d has ASID d + 1")
            .u32("ID", "slot index in the domain table")
            .u32("ASID", "ID + 1 (EntryHi.ASID, 8 bits, §5.2)")
            .ptr("PORTAL_TABLE", "the domain's portal table (PORTAL_TABLE_ENTRIES PortalEntry)")
            .ptr("PAGE_DIR", "page directory: 1024 words, 0 or → page table of 1024 PTEs")
            .ptr("STACK_QUEUE", "first free StackDescriptor of the stack queue, 0 when empty")
            .u32("STATE", "DOMAIN_STATE_*")
            .u32("EXIT_STATUS", "status passed to PORTAL_EXIT")
            .u32("FAULT_PORTAL", "portal index of the fault handler (PORTAL_SET_FAULT), 0 for the nucleus default (print and terminate)")
            .u32("LIVE_THREADS", "threads of this home domain not yet dead")
            .array("NAME", Width.U8, 16, "NUL-padded name for messages")
            .ptr("STACK_WAITERS", "first Thread waiting for a stack of the queue (FIFO through THREAD_NEXT), 0 when none (§5.4)")
            .constant("STATE_FREE", 0, "slot unused")
            .constant("STATE_LIVE", 1, "running")
            .constant("STATE_EXITED", 2, "called PORTAL_EXIT (or returned from its entry)")
            .constant("STATE_FAULTED", 3, "terminated by the default fault handler")
            .indexed().build();

    /** One portal table entry; assembly indexes the table with PORTAL_ENTRY_SHIFT. */
    public static final Struct PORTAL_ENTRY = Struct.builder("PortalEntry", "PORTAL_ENTRY", "one entry of a portal table")
            .ptr("CODE", "portal code (KSEG0); empty entries point at the invalid-portal portal")
            .ptr("SPEC", "spec string of a generated portal, 0 for nucleus portals")
            .indexed().build();

    /** §5.1: the caller state a portal saves; one fixed size so the return path needs no length. */
    public static final Struct INVFRAME = Struct.builder("InvocationFrame", "INVFRAME", "one frame of a thread's invocation stack")
            .ptr("RETURN_PORTAL", "code the return dispatcher jumps to with $k0 = frame, $k1 = Thread")
            .u32("EPC", "where the caller resumes (the syscall + 4)")
            .ptr("PORTAL_TABLE", "caller's portal table")
            .ptr("DOMAIN", "caller's Domain")
            .u32("SP", "caller's $sp")
            .ptr("STACK", "StackDescriptor taken for an `n` portal, else 0")
            .u32("STACK_LO0", "caller's user stack EntryLo0 (restored into TLB entry 0)")
            .u32("STACK_LO1", "caller's user stack EntryLo1")
            .u32("WINDOW", "WindowAccess address of a `w` argument's page, else 0")
            .u32("WINDOW_VA", "VA of that window page")
            .u32("KIND", "INVFRAME_KIND_*")
            .array("REGS", Width.U32, 32, "saved GPRs indexed by register number (`p` portals: s0-s7, gp, fp, ra; interrupt frames: all but $k0/$k1; fault frames keep Cause and BadVAddr in the $k0/$k1 slots)")
            .u32("HI", "interrupt frames: HI")
            .u32("LO", "interrupt frames: LO")
            .u32("STATUS", "interrupt frames: Status at the interrupt")
            .constant("KIND_PORTAL", 0, "pushed by a portal call")
            .constant("KIND_INTERRUPT", 1, "pushed by the interrupt portal or yield: the whole user context")
            .constant("KIND_FAULT", 2, "an interrupt frame of a fault handed to the domain's fault portal (DOMAIN = the faulting domain)")
            .alignTo(8).build();

    public static final Struct STACKDESC = Struct.builder("StackDescriptor", "STACKDESC", "one user stack pair of a domain's stack queue (§5.2)")
            .ptr("NEXT", "next free stack of the queue")
            .u32("LO0", "EntryLo0 of the even page")
            .u32("LO1", "EntryLo1 of the odd page")
            .indexed().build();

    /** §5.3: per window page, a 16-bit count per ASID; the page is accessible to an ASID while > 0. */
    public static final Struct WINDOW_ACCESS = Struct.builder("WindowAccess", "WINDOW_ACCESS", "access counters of one window page (§5.3)")
            .array("COUNT", Width.U16, WINDOW_ACCESS_COUNTERS, "counter indexed by ASID")
            .indexed().build();

    /** A PTE is an EntryLo value (ref §3.1); bit 31, no EntryLo bit in 32-bit mode, marks a window page. */
    public static final Struct PTE = Struct.builder("Pte", "PTE", "a page table entry: the EntryLo value the refill handler loads")
            .u32("WORD", "EntryLo bits plus the window mark")
            .bitsAt("G", 0, 1, "global").bitsAt("V", 1, 1, "valid").bitsAt("D", 2, 1, "dirty (writable)")
            .bitsAt("C", 3, 3, "cache policy (3 = cacheable write-back, 2 = uncached)")
            .bitsAt("PFN", 6, 24, "physical frame number (PA >> 12)")
            .bitsAt("WINDOW", 31, 1, "window page: refill consults WindowAccess[ASID] (§5.3)")
            .constant("C_WRITEBACK", 3, "C value: cacheable noncoherent write-back (ref §2.1)")
            .constant("C_UNCACHED", 2, "C value: uncached (device registers)")
            .build();

    // ---------------------------------------------------------------- boot information (image builder → nucleus)

    public static final Struct BOOTINFO = Struct.builder("BootInfo", "BOOTINFO", "at BOOTINFO_BASE: what the image builder hands the nucleus")
            .u32("MAGIC", "BOOTINFO_MAGIC")
            .u32("DOMAIN_COUNT", "number of BootDomain records")
            .ptr("DOMAINS", "array of BootDomain")
            .u32("PORTAL_COUNT", "number of BootPortal records")
            .ptr("PORTALS", "array of BootPortal")
            .constant("MAGIC_VALUE", 0x50424C45L, "\"PBLE\"")
            .build();

    public static final Struct BOOTDOM = Struct.builder("BootDomain", "BOOTDOM", "one domain to create at boot (with one thread)")
            .array("NAME", Width.U8, 16, "NUL-padded name")
            .u32("ENTRY", "user entry point (kuseg)")
            .u32("MAPPING_COUNT", "number of BootMapping records")
            .ptr("MAPPINGS", "array of BootMapping")
            .u32("STACK_COUNT", "number of stack-queue stacks")
            .ptr("STACKS", "array of BootStack")
            .u32("USER_STACK_LO0", "EntryLo0 of the first thread's user stack pair")
            .u32("USER_STACK_LO1", "EntryLo1 of the first thread's user stack pair")
            .indexed().build();

    public static final Struct BOOTMAP = Struct.builder("BootMapping", "BOOTMAP", "one 4 KB page of a domain")
            .u32("VA", "page-aligned user VA")
            .u32("PA", "page-aligned physical frame")
            .u32("FLAGS", "PTE bits besides the PFN (C, D, V, G, WINDOW), plus FLAG_WINDOW_OWNER")
            .constant("FLAG_WINDOW_OWNER", 1L << 30, "window page owned by this domain: its counter starts at 1 (§5.3); not a PTE bit, the nucleus drops it")
            .indexed().build();

    public static final Struct BOOTSTACK = Struct.builder("BootStack", "BOOTSTACK", "one stack-queue stack pair")
            .u32("LO0", "EntryLo0").u32("LO1", "EntryLo1")
            .indexed().build();

    public static final Struct BOOTPORTAL = Struct.builder("BootPortal", "BOOTPORTAL", "a portal the nucleus installs at boot")
            .u32("DOMAIN", "domain slot whose table gets the entry")
            .u32("INDEX", "portal index")
            .ptr("CODE", "portal code address (in the portal code area)")
            .indexed().build();

    public static final List<Struct> STRUCTS = List.of(THREAD, DOMAIN, PORTAL_ENTRY, INVFRAME, STACKDESC, WINDOW_ACCESS,
            PTE, BOOTINFO, BOOTDOM, BOOTMAP, BOOTSTACK, BOOTPORTAL);

    // ---------------------------------------------------------------- constants

    /** Standard portal indexes (docs/nucleus.md "Standard portals"). */
    public static final int PORTAL_RETURN = 0, PORTAL_EXIT = 1, PORTAL_PUTC = 2, PORTAL_HRTIME = 3, PORTAL_NULL = 4,
            PORTAL_THREAD_ID = 5, PORTAL_YIELD = 6, PORTAL_SET_FAULT = 7, PORTAL_FAULT_DONE = 8, PORTAL_FIRST_USER = 16;

    /** Memory map (docs/nucleus.md "Memory map"); KSEG0 addresses unless named PHYS. */
    public static final long NUCLEUS_BASE = 0x80000000L, PORTAL_CODE_BASE = 0x80100000L, PORTAL_CODE_LIMIT = 0x80140000L,
            BOOTINFO_BASE = 0x80180000L, BOOTINFO_LIMIT = 0x80200000L, PAGE_POOL_BASE = 0x80200000L,
            PAGE_POOL_LIMIT = 0x80400000L, USER_FRAMES_PHYS = 0x00400000L;

    /** User virtual layout, the same in every domain. */
    public static final long USER_TEXT_VA = 0x00400000L, WINDOW_VA_BASE = 0x60000000L, USER_STACK_VA = 0x7FFFC000L,
            USER_STACK_TOP = 0x7FFFE000L, USER_VECTOR_VA = 0x7FFFE000L, USER_VA_LIMIT = 0x80000000L,
            // Above the window region and below the stack: no program segment or window page can be here.
            USER_SIMCTL_VA = 0x7FFF0000L;

    public static final int PAGE_SHIFT = 12;

    public static List<Constant> constants() {
        List<Constant> c = new ArrayList<>();
        c.add(new Constant("MAX_DOMAINS", MAX_DOMAINS, "domain table slots"));
        c.add(new Constant("MAX_THREADS", MAX_THREADS, "thread table slots"));
        c.add(new Constant("MAX_STACKS", MAX_STACKS, "StackDescriptor pool"));
        c.add(new Constant("PORTAL_TABLE_ENTRIES", PORTAL_TABLE_ENTRIES, "entries of every portal table"));
        c.add(new Constant("PORTAL_TABLE_SIZE", (long) PORTAL_TABLE_ENTRIES * PORTAL_ENTRY.sizeBytes(), "bytes of one portal table"));
        c.add(new Constant("PORTAL_TABLE_SHIFT", log2((long) PORTAL_TABLE_ENTRIES * PORTAL_ENTRY.sizeBytes()), "index shift of the per-domain portal tables"));
        c.add(new Constant("INVSTACK_FRAMES", INVSTACK_FRAMES, "frames per invocation stack"));
        c.add(new Constant("INVSTACK_SIZE", (long) INVSTACK_FRAMES * INVFRAME.sizeBytes(), "bytes per invocation stack"));
        c.add(new Constant("INTSTACK_SIZE", 1024, "bytes per interrupt stack"));
        c.add(new Constant("WINDOW_PAGES", WINDOW_PAGES, "pages of the window region"));
        c.add(new Constant("PORTAL_RETURN", PORTAL_RETURN, "return dispatcher: pops the top invocation frame"));
        c.add(new Constant("PORTAL_EXIT", PORTAL_EXIT, "$a0 = status: ends the calling domain"));
        c.add(new Constant("PORTAL_PUTC", PORTAL_PUTC, "$a0 = byte to the console"));
        c.add(new Constant("PORTAL_HRTIME", PORTAL_HRTIME, "$v0 = Count (ticks every other cycle)"));
        c.add(new Constant("PORTAL_NULL", PORTAL_NULL, "null short-circuit portal (Table 1)"));
        c.add(new Constant("PORTAL_THREAD_ID", PORTAL_THREAD_ID, "$v0 = the thread's id"));
        c.add(new Constant("PORTAL_YIELD", PORTAL_YIELD, "give the CPU to the next runnable thread"));
        c.add(new Constant("PORTAL_SET_FAULT", PORTAL_SET_FAULT, "$a0 = the calling domain's fault portal (an index of its table), 0 for the default"));
        c.add(new Constant("PORTAL_FAULT_DONE", PORTAL_FAULT_DONE, "the user vector page's fault stub: $a0 = the handler's verdict"));
        c.add(new Constant("PORTAL_FIRST_USER", PORTAL_FIRST_USER, "first index free for user portals (0..15 reserved)"));
        c.add(new Constant("NUCLEUS_BASE", NUCLEUS_BASE, "KSEG0 base: refill vector"));
        c.add(new Constant("PORTAL_CODE_BASE", PORTAL_CODE_BASE, "portal code area, physically contiguous (§5.2)"));
        c.add(new Constant("PORTAL_CODE_LIMIT", PORTAL_CODE_LIMIT, "end of the portal code area"));
        c.add(new Constant("BOOTINFO_BASE", BOOTINFO_BASE, "BootInfo written by the image builder"));
        c.add(new Constant("BOOTINFO_LIMIT", BOOTINFO_LIMIT, "end of the boot information area"));
        c.add(new Constant("PAGE_POOL_BASE", PAGE_POOL_BASE, "page directories and tables built at boot"));
        c.add(new Constant("PAGE_POOL_LIMIT", PAGE_POOL_LIMIT, "end of the page pool"));
        c.add(new Constant("USER_FRAMES_PHYS", USER_FRAMES_PHYS, "first physical frame for user memory"));
        c.add(new Constant("USER_TEXT_VA", USER_TEXT_VA, "user programs are linked here"));
        c.add(new Constant("WINDOW_VA_BASE", WINDOW_VA_BASE, "window region (§5.3)"));
        c.add(new Constant("USER_STACK_VA", USER_STACK_VA, "current user stack pair (TLB entry 0)"));
        c.add(new Constant("USER_STACK_TOP", USER_STACK_TOP, "initial $sp"));
        c.add(new Constant("USER_VECTOR_VA", USER_VECTOR_VA, "user vector page pair (TLB entry 1): the return trampoline"));
        c.add(new Constant("USER_SIMCTL_VA", USER_SIMCTL_VA, "with boot --sim-control: the sim-control page, uncached (timeline markers)"));
        c.add(new Constant("USER_VA_LIMIT", USER_VA_LIMIT, "end of kuseg"));
        c.add(new Constant("PAGE_SHIFT", PAGE_SHIFT, "4 KB pages"));
        c.add(new Constant("WORD_SHIFT", Width.U32.shift(), "index shift of word arrays (page directories, page tables)"));
        c.add(new Constant("PTE_INDEX_MASK", 1023, "(VA >> PAGE_SHIFT) & PTE_INDEX_MASK = PTE index in its page table"));
        c.add(new Constant("PAGE_SIZE", 1L << PAGE_SHIFT, "bytes per page"));
        c.add(new Constant("PDE_SHIFT", 22, "VA >> PDE_SHIFT indexes the page directory (1024 entries of 4 MB)"));
        c.add(new Constant("PAGE_DIR_SIZE", 4096, "bytes of a page directory (1024 words)"));
        c.add(new Constant("PAGE_TABLE_SIZE", 4096, "bytes of a page table (1024 PTEs)"));
        c.add(new Constant("PTE_PAIR_SHIFT", 10, "(VA >> PTE_PAIR_SHIFT) & PTE_PAIR_MASK = byte offset of the even/odd PTE pair"));
        c.add(new Constant("PTE_PAIR_MASK", 0xFF8, "keeps VPN2 × 8 within one page table"));
        c.add(new Constant("TLB_STACK_ENTRY", 0, "TLB entry of the current user stack (§5.2)"));
        c.add(new Constant("TLB_VECTOR_ENTRY", 1, "TLB entry of the user vector page"));
        c.add(new Constant("TLB_WIRED", 2, "Wired: entries 0 and 1"));
        c.add(new Constant("QUANTUM_TICKS", 20000, "scheduling quantum in Count ticks (policy, not hardware timing)"));
        c.add(new Constant("NUCLEUS_PANIC_STATUS", 126, "sim-control exit status of a nucleus panic"));
        return c;
    }

    /** What a user program may rely on (docs/abi.md): portal indexes and the user address layout. */
    public static List<Constant> abiConstants() {
        java.util.Set<String> abi = java.util.Set.of("PORTAL_RETURN", "PORTAL_EXIT", "PORTAL_PUTC", "PORTAL_HRTIME",
                "PORTAL_NULL", "PORTAL_THREAD_ID", "PORTAL_YIELD", "PORTAL_SET_FAULT", "PORTAL_FAULT_DONE", "PORTAL_FIRST_USER", "PORTAL_TABLE_ENTRIES",
                "USER_TEXT_VA", "WINDOW_VA_BASE", "WINDOW_PAGES", "USER_STACK_VA", "USER_STACK_TOP", "USER_VECTOR_VA",
                "USER_SIMCTL_VA", "PAGE_SIZE");
        List<Constant> c = new ArrayList<>();
        for (Constant k : constants()) if (abi.contains(k.name())) c.add(k);
        if (c.size() != abi.size()) throw new IllegalStateException("an ABI constant is missing from constants()");
        return c;
    }

    static int log2(long v) {
        if (Long.bitCount(v) != 1) throw new IllegalArgumentException(v + " is not a power of two");
        return Long.numberOfTrailingZeros(v);
    }
}
