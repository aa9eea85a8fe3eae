package pebble.r5k.portal.server;

import static pebble.r5k.nucleus.layout.NucleusLayout.PORTAL_CODE_BASE;
import static pebble.r5k.nucleus.layout.NucleusLayout.PORTAL_CODE_LIMIT;

import java.util.LinkedHashMap;
import java.util.Map;

import pebble.r5k.nucleus.layout.NucleusLayout;
import pebble.r5k.portal.gen.NucleusBinding;
import pebble.r5k.portal.gen.PortalValue;
import pebble.r5k.portal.gen.PortalValues;
import pebble.r5k.portal.spec.PortalSpec;

/**
 * The portal manager's interface (docs/portal-manager.md), defined once here and written into
 * {@code portal-manager.inc} for the server, its rights portals and client programs.
 */
public final class PortalManagerAbi {
    private PortalManagerAbi() {}

    /** The portal manager is the first domain the builder creates. */
    public static final int PM_DOMAIN = 0;
    /** Every domain's portal into the manager: the last index the nucleus reserves (it uses 0..6; 0..15 are reserved). */
    public static final int PORTAL_PM = 15;
    /** The manager's request portal: c = the caller's domain, then 7 words (docs/portal-manager.md "Requests"). */
    public static final String PM_PORTAL_SPEC = "smciiiiiii";
    /** The rights, in the manager's own table only. */
    public static final int PM_RIGHT_SYNC_LINE = NucleusLayout.PORTAL_FIRST_USER, PM_RIGHT_INSTALL = PM_RIGHT_SYNC_LINE + 1;
    /** Notification portals of domain d live at PM_NOTIFY_BASE + d in the manager's table. */
    public static final int PM_NOTIFY_BASE = NucleusLayout.PORTAL_TABLE_ENTRIES - NucleusLayout.MAX_DOMAINS;
    /** notify(domain, index, spec as 3 words). */
    public static final String PM_NOTIFY_SPEC = "smiiiii";

    public static final int PM_OP_CREATE = 1, PM_OP_CREATE_CHILD = 2, PM_OP_NOTIFY = 3;
    public static final int PM_OP_MASK = 0xFF, PM_FLAGS_MASK = 0xFF00;
    /** Test-only: skip the cache write-back/invalidate, to show that stale code is what runs then. */
    public static final int PM_FLAG_NO_SYNC = 0x100;
    /** Do not call the table owner's notify portal (the manager sets it for its own notification portals). */
    public static final int PM_FLAG_NO_NOTIFY = 0x200;

    public static final int PM_ERR_SPEC = -1, PM_ERR_DOMAIN = -2, PM_ERR_INDEX = -3, PM_ERR_FULL = -4,
            PM_ERR_OP = -5, PM_ERR_DENIED = -6;
    /** Every error is at or above this (unsigned); a KSEG0 code address is below it. */
    public static final int PM_ERR_LOWEST = -64;

    /** The upper half of the portal code area is the manager's; the image builder's portals fill the lower half. */
    public static final long PM_CODE_KSEG0 = PORTAL_CODE_BASE + (PORTAL_CODE_LIMIT - PORTAL_CODE_BASE) / 2;
    public static final long PM_CODE_BYTES = PORTAL_CODE_LIMIT - PM_CODE_KSEG0;
    /**
     * Where the manager sees its code window: a user VA whose low 28 bits are the physical address, so it is
     * congruent with the KSEG0 alias modulo the 16 KB L1 index (VA[13:5], docs/caches.md) and a line written
     * through it is the line the rights portal writes back through KSEG0.
     */
    public static final long PM_CODE_VA = 0x10000000L | (PM_CODE_KSEG0 & 0x1FFFFFFFL);
    /** L1 line size (docs/caches.md). */
    public static final int PM_LINE_BYTES = 32;

    /** The include text; {@code binding} gives the nucleus addresses the server patches into portals. */
    public static String include(NucleusBinding binding) {
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("PM_DOMAIN", (long) PM_DOMAIN);
        c.put("PORTAL_PM", (long) PORTAL_PM);
        c.put("PM_RIGHT_SYNC_LINE", (long) PM_RIGHT_SYNC_LINE);
        c.put("PM_RIGHT_INSTALL", (long) PM_RIGHT_INSTALL);
        c.put("PM_NOTIFY_BASE", (long) PM_NOTIFY_BASE);
        c.put("PM_NOTIFY_SPEC0", word(PM_NOTIFY_SPEC, 0));
        c.put("PM_NOTIFY_SPEC1", word(PM_NOTIFY_SPEC, 4));
        c.put("PM_OP_CREATE", (long) PM_OP_CREATE);
        c.put("PM_OP_CREATE_CHILD", (long) PM_OP_CREATE_CHILD);
        c.put("PM_OP_NOTIFY", (long) PM_OP_NOTIFY);
        c.put("PM_OP_MASK", (long) PM_OP_MASK);
        c.put("PM_FLAGS_MASK", (long) PM_FLAGS_MASK);
        c.put("PM_FLAG_NO_SYNC", (long) PM_FLAG_NO_SYNC);
        c.put("PM_FLAG_NO_NOTIFY", (long) PM_FLAG_NO_NOTIFY);
        c.put("PM_ERR_SPEC", (long) PM_ERR_SPEC);
        c.put("PM_ERR_DOMAIN", (long) PM_ERR_DOMAIN);
        c.put("PM_ERR_INDEX", (long) PM_ERR_INDEX);
        c.put("PM_ERR_FULL", (long) PM_ERR_FULL);
        c.put("PM_ERR_OP", (long) PM_ERR_OP);
        c.put("PM_ERR_DENIED", (long) PM_ERR_DENIED);
        c.put("PM_ERR_LOWEST", (long) PM_ERR_LOWEST);
        c.put("PM_KIND_WORD", 0L);
        c.put("PM_KIND_CONSTANT", 1L);
        c.put("PM_KIND_WINDOW", 2L);
        c.put("PM_KIND_OWN_INDEX", 3L);
        c.put("PM_MAX_DOMAINS", (long) NucleusLayout.MAX_DOMAINS);
        c.put("PM_CODE_KSEG0", PM_CODE_KSEG0);
        c.put("PM_CODE_VA", PM_CODE_VA);
        c.put("PM_CODE_BYTES", PM_CODE_BYTES);
        c.put("PM_LINE_BYTES", (long) PM_LINE_BYTES);
        // the values NucleusBinding gives, as base + (domain << shift), so the guest computes the same
        PortalValues d0 = binding.values(0, 0, 0, 0), d1 = binding.values(1, 0, 0, 0);
        c.put("PM_DOMAINS", d0.calleeDomain());
        c.put("PM_DOMAIN_SHIFT", (long) shift(d1.calleeDomain() - d0.calleeDomain()));
        c.put("PM_PORTAL_TABLES", d0.calleePortalTable());
        c.put("PM_PORTAL_TABLE_SHIFT", (long) shift(d1.calleePortalTable() - d0.calleePortalTable()));
        c.put("PM_ASID_OF_DOMAIN_0", (long) d0.calleeAsid());
        long counterStep = d1.get(PortalValue.CALLEE_WINDOW_COUNTER) - d0.get(PortalValue.CALLEE_WINDOW_COUNTER);
        c.put("PM_WINDOW_COUNTER_SHIFT", (long) shift(counterStep));
        c.put("PM_WINDOW_COUNTER_BASE", d0.get(PortalValue.CALLEE_WINDOW_COUNTER) - ((long) d0.calleeAsid() * counterStep));
        c.put("PM_WINDOW_ACCESS", d0.windowAccessTable());
        c.put("PM_PORTAL_FAULT", d0.portalFault());
        c.put("PM_STACK_WAIT", d0.stackWait());
        StringBuilder s = new StringBuilder("# portal-manager.inc - generated by pebble.r5k.portal.server.PortalManagerAbi; do not edit.\n");
        c.forEach((k, v) -> s.append(String.format("        .equ    %s, 0x%x%n", k, v)));
        return s.toString();
    }

    /** Four characters of a spec as one big-endian word (the register form of docs/portal-manager.md). */
    public static long word(String spec, int from) {
        long w = 0;
        for (int i = 0; i < 4; i++) w = w << 8 | (from + i < spec.length() ? spec.charAt(from + i) & 0xFF : 0);
        return w;
    }

    private static int shift(long stride) {
        if (Long.bitCount(stride) != 1) throw new IllegalStateException("stride " + stride + " is not a power of two");
        return Long.numberOfTrailingZeros(stride);
    }

    static { if (PortalSpec.MAX_ARGUMENTS + 2 > 12) throw new IllegalStateException("a spec no longer fits 3 registers"); }
}
