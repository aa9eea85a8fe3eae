#include "nucleus.h"
# uvec.S - the user vector page (docs/nucleus.md), linked last in .text so that its page alignment is the
# same whether the sections of all files are merged first (our assembler) or each file's section is
# aligned on its own (GNU ld): the start of this file's .text is the page boundary either way.

        .text
# The user vector page (docs/nucleus.md): mapped read-only and global at USER_VECTOR_VA through wired TLB
# entry 1, alone in its page so no nucleus byte is visible to users. The return trampoline is its first
# word: a callee returns here with jr $ra.
        .balign PAGE_SIZE
        .globl  user_vector_page
user_vector_page:
        move    $at, $v0                        # the callee's result survives the index load
        li      $v0, PORTAL_RETURN
        syscall
# The fault stub (docs/nucleus.md "Fault portals"): fault_user erets to fault_call with $v0 = the domain's
# fault portal and $a0..$a2 = ExcCode, EPC, BadVAddr, so the call goes through the ordinary dispatcher
# (bounds, table entry) and an n portal's stack wait retries this very syscall. The handler's verdict
# comes back in $v0 at EPC + 4, fault_done, which hands it to PORTAL_FAULT_DONE.
        .globl  fault_call
fault_call:
        syscall
fault_done:
        move    $a0, $v0
        li      $v0, PORTAL_FAULT_DONE
        syscall
        .balign PAGE_SIZE
