package pebble.r5k.portal.gen;

/**
 * The install-time values of one portal (see {@link PortalValue}); {@link #get} also derives the values
 * computed from others, the same way the guest patcher does.
 */
public record PortalValues(long calleeDomain, long calleePortalTable, int calleeAsid, long entry, long constant,
                           int ownIndex, long returnPortal, long windowAccessTable, long portalFault, long stackWait) {
    public long get(PortalValue v) {
        return switch (v) {
            case CALLEE_DOMAIN -> calleeDomain;
            case CALLEE_PORTAL_TABLE -> calleePortalTable;
            case CALLEE_ASID -> calleeAsid;
            case CALLEE_WINDOW_COUNTER -> Layout.windowCounter(calleeAsid);
            case ENTRY -> entry;
            case CONSTANT -> constant;
            case OWN_INDEX -> ownIndex;
            case RETURN_PORTAL -> returnPortal;
            case WINDOW_ACCESS_TABLE -> windowAccessTable;
            case PORTAL_FAULT -> portalFault;
            case STACK_WAIT -> stackWait;
        };
    }

    public PortalValues withReturnPortal(long address) {
        return new PortalValues(calleeDomain, calleePortalTable, calleeAsid, entry, constant, ownIndex, address,
                windowAccessTable, portalFault, stackWait);
    }
}
