int _start(void) { return 7; }
