package pebble.r5k.portal.template;

import pebble.r5k.portal.gen.PortalValue;

/**
 * One install-time field of an exported template fragment: at byte {@code offset}, put {@code value} +
 * {@code addend} the way {@code kind} says. {@link Kind#TAIL_BRANCH16} is the one kind the host's fixups do
 * not have: a head's branch to a failure exit whose distance depends on how much argument code the guest
 * placed between the head and the tail; its {@code addend} is the target's byte offset inside the tail and
 * {@code value} is unused.
 */
public record TemplateFixup(int offset, Kind kind, PortalValue value, long addend) {
    /** Every field portal code patches is in the low bits of its word (checked when fragments are cut). */
    public enum Kind {
        /** Low 16 bits = %hi(v): the upper half, adjusted for the sign the %lo half gets (asm.Linker). */
        HI16,
        /** Low 16 bits = %lo(v). */
        LO16,
        /** Low 16 bits = v (an immediate or a load/store offset known at install: ASID, index, counter offset). */
        FIELD16,
        /** Low 26 bits = v >> 2 (j to a nucleus routine in the same 256 MB region). */
        ABS26,
        /** Low 16 bits = words from the delay slot to tail start + addend. */
        TAIL_BRANCH16
    }
}
