#include "nucleus.h"
# data.S - the nucleus's static tables (all in .bss: the image loader zeroes it). Layout of each entry:
# nucleus-layout.inc / docs/nucleus-layout.md.

        .bss
        .balign 64
        .globl  nucleus_current
nucleus_current:                                # the running Thread (docs/nucleus.md), 0 before the first
        .space  4
        .globl  nucleus_domain_count
nucleus_domain_count:
        .space  4
        .globl  stackdesc_next
stackdesc_next:                                 # StackDescriptors handed out so far
        .space  4
        .balign 64
        .globl  nucleus_domains
nucleus_domains:
        .space  MAX_DOMAINS * DOMAIN_SIZE
        .globl  nucleus_threads
nucleus_threads:
        .space  MAX_THREADS * THREAD_SIZE
        .globl  nucleus_portal_tables
nucleus_portal_tables:                          # table d at nucleus_portal_tables + d << PORTAL_TABLE_SHIFT
        .space  MAX_DOMAINS * PORTAL_TABLE_SIZE
        .globl  nucleus_stackdescs
nucleus_stackdescs:
        .space  MAX_STACKS * STACKDESC_SIZE
        .globl  window_access
window_access:                                  # WindowAccess of window page k at + k << WINDOW_ACCESS_SHIFT (§5.3)
        .space  WINDOW_PAGES * WINDOW_ACCESS_SIZE
        .balign 8
        .globl  nucleus_invstacks
nucleus_invstacks:                              # thread t's invocation stack at + t * INVSTACK_SIZE
        .space  MAX_THREADS * INVSTACK_SIZE
        .balign 8
        .globl  nucleus_intstacks
nucleus_intstacks:                              # thread t's interrupt stack: top at + (t + 1) * INTSTACK_SIZE
        .space  MAX_THREADS * INTSTACK_SIZE
