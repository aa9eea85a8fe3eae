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
        .balign PAGE_SIZE
