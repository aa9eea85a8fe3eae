package pebble.r5k.portal.gen;

import static pebble.r5k.nucleus.layout.NucleusLayout.DOMAIN;
import static pebble.r5k.nucleus.layout.NucleusLayout.INVFRAME;
import static pebble.r5k.nucleus.layout.NucleusLayout.STACKDESC;
import static pebble.r5k.nucleus.layout.NucleusLayout.THREAD;
import static pebble.r5k.nucleus.layout.NucleusLayout.WINDOW_ACCESS;

import pebble.r5k.nucleus.layout.Field;
import pebble.r5k.nucleus.layout.NucleusLayout;

/**
 * The nucleus offsets and constants portal code uses, read once from the layout objects
 * ({@link NucleusLayout}, docs/nucleus.md) so no offset is written here; a renamed field fails at class
 * initialisation, not in the guest.
 */
final class Layout {
    private Layout() {}

    static final int THREAD_PORTAL_TABLE = THREAD.offset("PORTAL_TABLE");
    static final int THREAD_DOMAIN = THREAD.offset("DOMAIN");
    static final int THREAD_INVSP = THREAD.offset("INVSP");
    static final int THREAD_INVSTACK_LIMIT = THREAD.offset("INVSTACK_LIMIT");
    static final int THREAD_STACK_LO0 = THREAD.offset("STACK_LO0");
    static final int THREAD_STACK_LO1 = THREAD.offset("STACK_LO1");
    static final int THREAD_STATE = THREAD.offset("STATE");
    /** The link of a Domain's stack-wait list (docs/nucleus.md, "Waiting for a stack"). */
    static final int THREAD_NEXT = THREAD.offset("NEXT");
    static final long THREAD_STATE_RUNNABLE = constant(THREAD.constants(), "THREAD_STATE_RUNNABLE");

    static final int DOMAIN_ASID = DOMAIN.offset("ASID");
    static final int DOMAIN_STACK_QUEUE = DOMAIN.offset("STACK_QUEUE");
    static final int DOMAIN_STACK_WAITERS = DOMAIN.offset("STACK_WAITERS");

    static final int INVFRAME_SIZE = INVFRAME.sizeBytes();
    static final int INVFRAME_RETURN_PORTAL = INVFRAME.offset("RETURN_PORTAL");
    static final int INVFRAME_EPC = INVFRAME.offset("EPC");
    static final int INVFRAME_PORTAL_TABLE = INVFRAME.offset("PORTAL_TABLE");
    static final int INVFRAME_DOMAIN = INVFRAME.offset("DOMAIN");
    static final int INVFRAME_SP = INVFRAME.offset("SP");
    static final int INVFRAME_STACK = INVFRAME.offset("STACK");
    static final int INVFRAME_STACK_LO0 = INVFRAME.offset("STACK_LO0");
    static final int INVFRAME_STACK_LO1 = INVFRAME.offset("STACK_LO1");
    static final int INVFRAME_WINDOW = INVFRAME.offset("WINDOW");
    static final int INVFRAME_WINDOW_VA = INVFRAME.offset("WINDOW_VA");
    static final int INVFRAME_KIND = INVFRAME.offset("KIND");
    static final long INVFRAME_KIND_PORTAL = constant(INVFRAME.constants(), "INVFRAME_KIND_PORTAL");
    private static final Field INVFRAME_REGS = INVFRAME.field("REGS");

    static final int STACKDESC_NEXT = STACKDESC.offset("NEXT");
    static final int STACKDESC_LO0 = STACKDESC.offset("LO0");
    static final int STACKDESC_LO1 = STACKDESC.offset("LO1");

    static final int WINDOW_ACCESS_SHIFT = WINDOW_ACCESS.shift();
    private static final Field WINDOW_COUNTERS = WINDOW_ACCESS.field("COUNT");
    static final int WINDOW_ACCESS_COUNT = WINDOW_COUNTERS.offset();
    /** log2 of one counter's size: ASID → byte offset of its counter. */
    static final int WINDOW_COUNTER_SHIFT = WINDOW_COUNTERS.width().shift();

    static final int PAGE_SHIFT = NucleusLayout.PAGE_SHIFT;
    static final int WINDOW_PAGES = NucleusLayout.WINDOW_PAGES;
    static final long WINDOW_VA_BASE = NucleusLayout.WINDOW_VA_BASE;
    static final long USER_STACK_VA = NucleusLayout.USER_STACK_VA;
    static final long USER_STACK_TOP = NucleusLayout.USER_STACK_TOP;
    /** The return trampoline is the first code of the user vector page (docs/nucleus.md, "Return"). */
    static final long RETURN_TRAMPOLINE = NucleusLayout.USER_VECTOR_VA;
    static final long NUCLEUS_BASE = NucleusLayout.NUCLEUS_BASE;
    static final int TLB_STACK_ENTRY = (int) constant(NucleusLayout.constants(), "TLB_STACK_ENTRY");

    /** Offset of register {@code reg} in an invocation frame's REGS array (indexed by register number). */
    static int frameReg(int reg) {
        return INVFRAME_REGS.offset() + reg * INVFRAME_REGS.width().bytes;
    }

    /** Offset of the counter of {@code asid} in a WindowAccess. */
    static long windowCounter(long asid) {
        return WINDOW_ACCESS_COUNT + (asid << WINDOW_COUNTER_SHIFT);
    }

    private static long constant(java.util.List<pebble.r5k.nucleus.layout.Constant> list, String name) {
        for (var c : list) if (c.name().equals(name)) return c.value();
        throw new IllegalStateException("nucleus layout has no constant " + name);
    }
}
