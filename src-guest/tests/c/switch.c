/* Switch tables: a dense switch (jump table) driving a small stack-machine interpreter, and a sparse one. */
#include "rt.h"

enum { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, DEC, PRINT, OVER, DROP, HALT, NEG, SHL, AND, XOR };

static const int program[] = {
    PUSH, 1, PUSH, 10,           /* acc=1, n=10 */
    /* loop: */ SWAP, OVER, MUL, SWAP, DEC, DUP, JNZ, 4, /* acc *= n; n-- until 0 */
    DROP, PRINT,                 /* 10! */
    PUSH, 7, NEG, PUSH, 3, SHL, PRINT,
    PUSH, 0x5A5A, PUSH, 0x0FF0, AND, PUSH, 0x1234, XOR, PRINT,
    PUSH, 100, PUSH, 58, SUB, PRINT,
    HALT,
};

static int run(const int *code) {
    int stack[16], sp = 0, pc = 0, steps = 0;
    for (;;) {
        steps++;
        switch (code[pc++]) {
        case PUSH: stack[sp++] = code[pc++]; break;
        case ADD: sp--; stack[sp - 1] += stack[sp]; break;
        case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
        case MUL: sp--; stack[sp - 1] = (int) ((unsigned) stack[sp - 1] * (unsigned) stack[sp]); break;
        case DUP: stack[sp] = stack[sp - 1]; sp++; break;
        case SWAP: { int t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
        case JNZ: { int t = code[pc++]; if (stack[--sp]) pc = t; break; }
        case DEC: stack[sp - 1]--; break;
        case PRINT: put_str("vm: "); put_dec(stack[--sp]); put_char('\n'); break;
        case OVER: stack[sp] = stack[sp - 2]; sp++; break;
        case DROP: sp--; break;
        case NEG: stack[sp - 1] = -stack[sp - 1]; break;
        case SHL: sp--; stack[sp - 1] = (int) ((unsigned) stack[sp - 1] << stack[sp]); break;
        case AND: sp--; stack[sp - 1] &= stack[sp]; break;
        case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
        case HALT: return steps;
        default: put_str("bad opcode\n"); return -1;
        }
    }
}

static const char *month_name(int m) {
    switch (m) {
    case 1: return "jan"; case 2: return "feb"; case 3: return "mar"; case 4: return "apr";
    case 5: return "may"; case 6: return "jun"; case 7: return "jul"; case 8: return "aug";
    case 9: return "sep"; case 10: return "oct"; case 11: return "nov"; case 12: return "dec";
    default: return "?";
    }
}

static int sparse(int code) {
    switch (code) {
    case -1000: return 1;
    case 3: return 2;
    case 404: return 3;
    case 500: return 4;
    case 65536: return 5;
    case 1 << 30: return 6;
    default: return 0;
    }
}

static int classify(char c) {
    switch (c) {
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': case '8': case '9': return 'd';
    case ' ': case '\t': return 's';
    case '+': case '-': case '*': case '/': return 'o';
    case '(': case ')': return 'p';
    default: return (c | 32) >= 'a' && (c | 32) <= 'z' ? 'a' : '?';
    }
}

static int prog_main(void) {
    put_str("switch\n");
    put_kv("steps", run(program));
    for (int m = 0; m <= 13; m++) { put_str(month_name(m)); put_char(m == 13 ? '\n' : ' '); }
    static const int codes[] = {-1000, 3, 4, 404, 500, 501, 65536, 1 << 30, -1};
    for (int i = 0; i < 9; i++) put_dec(sparse(codes[i]));
    put_char('\n');
    const char *expr = "x1 = (42 + y) * 7 / Z;";
    for (const char *p = expr; *p; p++) put_char((char) classify(*p));
    put_char('\n');
    return 3; /* a non-zero exit status, checked by the test */
}
