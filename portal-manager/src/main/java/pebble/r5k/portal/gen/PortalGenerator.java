package pebble.r5k.portal.gen;

import pebble.r5k.portal.spec.PortalSpec;

/**
 * Turns a portal spec into its call and return code (architecture guide §7): templates whose install-time
 * values ({@link PortalValue}) are filled by fixups, so the host and the guest portal-manager server produce
 * the same bytes from the same template and values.
 */
public final class PortalGenerator {
    private PortalGenerator() {}

    /** The call and return templates of one spec. */
    public record Templates(PortalSpec spec, PortalCode call, PortalCode ret) {
        /**
         * The final words of call and return placed back to back at {@code address}: the return portal
         * follows the call code, and its address is patched into the call.
         */
        public int[] install(PortalValues values, long address) {
            long retAddress = address + call.bytes().length;
            PortalValues v = values.withReturnPortal(retAddress);
            int[] c = call.patched(v, address);
            int[] r = ret.patched(v, retAddress);
            int[] all = new int[c.length + r.length];
            System.arraycopy(c, 0, all, 0, c.length);
            System.arraycopy(r, 0, all, c.length, r.length);
            return all;
        }
    }

    public static Templates generate(PortalSpec spec) {
        return new Templates(spec, new CallPortalEmitter(spec).emit(), new ReturnPortalEmitter(spec).emit());
    }
}
