package pebble.r5k.portal.gen;

import pebble.r5k.isa.Reg;

/**
 * The registers a {@code p} portal saves and restores: those the o32 C calling convention makes the callee
 * preserve ($s0..$s7, $fp) plus $gp and $ra, which an untrusted callee could also leave changed
 * (docs/nucleus.md, "Portal invocation").
 */
final class CalleeSaved {
    private CalleeSaved() {}

    static final int[] REGISTERS = {
        Reg.S0, Reg.S1, Reg.S2, Reg.S3, Reg.S4, Reg.S5, Reg.S6, Reg.S7, Reg.GP, Reg.FP, Reg.RA,
    };
}
