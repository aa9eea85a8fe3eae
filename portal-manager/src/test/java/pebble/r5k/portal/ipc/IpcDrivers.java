package pebble.r5k.portal.ipc;

import static pebble.r5k.portal.ipc.IpcPrograms.*;

import pebble.r5k.portal.spec.PortalSpec;

/** Domain 0's programs: one call checked register by register, and the paper's timing loop (§7.1). */
final class IpcDrivers {
    private IpcDrivers() {}

    private static final String[] SAVED = {"s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "gp", "fp", "ra"};

    /** The value domain 0 puts in callee-saved register {@code i} (of {@link #SAVED}) before the call. */
    private static int before(int i) { return 0x5100 + 0x100 * i; }

    /**
     * One call along the chain, then every check the spec promises, each with its own exit status (printed
     * as "FAIL k" first): $v0 = the chain's value; $sp is the caller's; for {@code p} every callee-saved
     * register and $ra as before the call, even though the leaf clobbered them; for {@code m} with a
     * clobbering leaf, the leaf's values (the portal saves nothing more than it promises; the middle servers
     * leave $s0..$fp alone).
     */
    static String checkedCall(PortalSpec spec, int n, String ownServer) {
        StringBuilder s = new StringBuilder();
        s.append("        .include \"pebble.inc\"\n        .set noreorder\n        .text\n").append(ownServer);
        s.append("        .globl _start\n_start:\n").append(yieldToServers(n));
        for (int i = 0; i < SAVED.length; i++) s.append("        li      $").append(SAVED[i]).append(", ").append(before(i)).append('\n');
        s.append("        la      $t4, saved_sp\n        sw      $sp, 0($t4)\n");
        s.append(loadArguments(spec));
        s.append("        li      $v0, ").append(IPC_PORTAL).append("\n        syscall\n");
        int check = 1;
        s.append(compare("$v0", expected(spec, n), check++));
        s.append("        la      $t4, saved_sp\n        lw      $t4, 0($t4)\n");
        s.append("        bne     $sp, $t4, fail").append(check).append("\n        move    $t8, $sp\n");
        check++;
        for (int i = 0; i < SAVED.length; i++) {
            long want = spec.savesCalleeSaved() ? before(i) : SAVED[i].equals("ra") ? raAfterMinimal(n) : 0xBAD0 + i;
            s.append(compare("$" + SAVED[i], want, check++));
        }
        s.append("        EXIT 0\n");
        for (int k = 1; k < check; k++) {
            s.append("fail").append(k).append(":\n        PUTS failmsg\n        li $a0, ").append(k)
                    .append("\n        jal puthex_entry\n        nop\n        move $a0, $t8\n        jal puthex_entry\n        nop\n        EXIT ").append(k).append('\n');
        }
        s.append("puthex_entry:\n        move $t7, $ra\n        b puthex\n        nop\n").append(PUTHEX);
        s.append("        .data\nfailmsg: .asciz \"FAIL \"\n        .balign 4\nsaved_sp: .word 0\n");
        return s.toString();
    }

    /**
     * With {@code m} the caller gets the $ra its direct callee returned with: the leaf's clobbered value
     * when the callee is the leaf, else the middle server's own $ra, which its portal had set to the
     * return trampoline.
     */
    private static long raAfterMinimal(int n) {
        return n <= 2 ? 0xBADBAD : pebble.r5k.nucleus.layout.NucleusLayout.USER_VECTOR_VA;
    }

    private static String compare(String reg, long want, int check) {
        // the delay slot keeps the value seen, for the failure message
        return "        li      $t4, 0x" + Long.toHexString(want) + "\n        bne     " + reg + ", $t4, fail" + check
                + "\n        move    $t8, " + reg + "\n";
    }

    /**
     * The paper's measurement (§7, §7.1): hrtime, {@link IpcPrograms#ITERATIONS} calls, hrtime; prints the
     * Count difference (ticks, one every two cycles) in hex. The loop's own instructions are included, as
     * they are in any such loop.
     */
    static String timedLoop(PortalSpec spec, int n, String ownServer, int portal) {
        return timedLoop(spec, n, ownServer, portal, ITERATIONS);
    }

    /** The same loop with {@code iterations} calls (0: everything but the loop, for differential statistics). */
    static String timedLoop(PortalSpec spec, int n, String ownServer, int portal, int iterations) {
        StringBuilder s = new StringBuilder();
        s.append("        .include \"pebble.inc\"\n        .set noreorder\n        .text\n").append(ownServer);
        s.append("        .globl _start\n_start:\n").append(yieldToServers(n));
        s.append("        HRTIME\n        move    $s0, $v0\n        li      $s1, ").append(iterations).append('\n');
        s.append("        beqz    $s1, done\n        nop\n");
        s.append("loop:\n").append(spec == null ? "" : loadArguments(spec));
        s.append("        li      $v0, ").append(portal).append("\n        syscall\n");
        s.append("        addiu   $s1, $s1, -1\n        bnez    $s1, loop\n        nop\n");
        s.append("done:\n");
        s.append("        HRTIME\n        subu    $a0, $v0, $s0\n        jal     puthex_entry\n        nop\n        EXIT 0\n");
        s.append("puthex_entry:\n        move $t7, $ra\n        b puthex\n        nop\n").append(PUTHEX);
        return s.toString();
    }
}
