package pebble.r5k.portal.gen;

/**
 * A value portal code embeds but that is known only when the portal is installed: the generator leaves its
 * field zero and records a fixup naming it, so one template plus these values gives the final bytes, on the
 * host and in the guest portal-manager server alike (architecture guide §7).
 */
public enum PortalValue {
    /** KSEG0 address of the callee's Domain. */
    CALLEE_DOMAIN("KSEG0 address of the callee's Domain"),
    /** KSEG0 address of the callee's portal table (the thread's table while it runs in the callee, §5.1). */
    CALLEE_PORTAL_TABLE("KSEG0 address of the callee's portal table"),
    /** The callee's ASID (EntryHi.ASID, §5.2). */
    CALLEE_ASID("the callee's ASID"),
    /** Byte offset of the callee's counter in a WindowAccess: COUNT + ASID × counter size (§5.3). */
    CALLEE_WINDOW_COUNTER("offset of the callee's counter in a WindowAccess: WINDOW_ACCESS_COUNT + (callee ASID << WINDOW_ACCESS_COUNT_SHIFT)"),
    /** User address where the callee starts. */
    ENTRY("callee entry address (user VA)"),
    /** The {@code c} argument (e.g. the control-block pointer of §4.2). */
    CONSTANT("the c argument"),
    /** The portal's own index in the caller's table (the {@code =} argument, §6). */
    OWN_INDEX("the portal's own index"),
    /** KSEG0 address of this portal's return code. */
    RETURN_PORTAL("KSEG0 address of the matching return portal"),
    /** KSEG0 address of the nucleus's WindowAccess array (symbol {@code window_access}). */
    WINDOW_ACCESS_TABLE("KSEG0 address of window_access"),
    /** Nucleus routine a failed check jumps to: a fault of the calling domain. */
    PORTAL_FAULT("nucleus routine for a failed portal check"),
    /** Nucleus routine the empty-stack-queue check jumps to: wait in the scheduler, then retry the syscall (§5.4). */
    STACK_WAIT("nucleus routine that waits for a stack and retries");

    public final String doc;

    PortalValue(String doc) { this.doc = doc; }
}
