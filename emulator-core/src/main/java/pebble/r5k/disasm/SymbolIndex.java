package pebble.r5k.disasm;

import pebble.r5k.disasm.ListingSource.CodeSection;
import pebble.r5k.disasm.ListingSource.ListingSymbol;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Symbols sorted the way objdump sorts them: by address, then, among symbols at one address, functions before
 * objects before other symbols, globals before locals, then symbol-table order. The first of a same-address
 * group is the one objdump names. (The sort is stable, so symbol-table order breaks the remaining ties.)
 */
public final class SymbolIndex {
    private final List<ListingSymbol> sorted;
    private final long addressMask;

    public SymbolIndex(List<ListingSymbol> symbols, int addressBits) {
        this.addressMask = addressBits == 32 ? 0xFFFFFFFFL : -1L;
        List<ListingSymbol> list = new ArrayList<>(symbols);
        Comparator<ListingSymbol> order = Comparator
                .comparing((ListingSymbol s) -> s.address() & addressMask, Long::compareUnsigned)
                .thenComparingInt(s -> s.kind().ordinal())
                .thenComparing(s -> !s.global());
        list.sort(order);
        this.sorted = List.copyOf(list);
    }

    private static int compareAddr(ListingSymbol s, long addr, long mask) {
        return Long.compareUnsigned(s.address() & mask, addr & mask);
    }

    public List<ListingSymbol> sorted() { return sorted; }

    /** The symbols of {@code section} that lie inside it, best first within each address. */
    public List<ListingSymbol> inSection(CodeSection section) {
        List<ListingSymbol> out = new ArrayList<>();
        for (ListingSymbol s : sorted) {
            long a = s.address() & addressMask;
            if (s.section().equals(section.name()) && Long.compareUnsigned(a, section.address() & addressMask) >= 0
                    && Long.compareUnsigned(a, section.end() & addressMask) < 0) {
                if (out.isEmpty() || (out.get(out.size() - 1).address() & addressMask) != a) out.add(s);
            }
        }
        return out;
    }

    /**
     * objdump's annotation of {@code addr} while disassembling {@code section}: the best symbol at the highest
     * address not above {@code addr} ({@code <sym+0x..>}), or the lowest symbol when all are above it
     * ({@code <sym-0x..>}). In a relocatable object only symbols of the section count, and without one the
     * section name stands in ({@code <.text+0x..>}). Null when there are no symbols at all.
     */
    public SymbolLookup lookupFor(CodeSection section, boolean relocatable) {
        return addr -> {
            boolean inside = Long.compareUnsigned(addr & addressMask, section.address() & addressMask) >= 0
                    && Long.compareUnsigned(addr & addressMask, section.end() & addressMask) < 0;
            boolean sameSectionOnly = relocatable && inside;
            ListingSymbol best = null;
            ListingSymbol first = null;
            for (ListingSymbol s : sorted) {
                if (sameSectionOnly && !s.section().equals(section.name())) continue;
                if (first == null) first = s;
                if (compareAddr(s, addr, addressMask) <= 0) {
                    if (best == null || (best.address() & addressMask) != (s.address() & addressMask)) best = s;
                } else {
                    break;
                }
            }
            if (best == null) best = first;
            if (best == null) {
                if (sorted.isEmpty()) return null;
                return "<" + section.name() + offset(addr, section.address()) + ">";
            }
            return "<" + best.name() + offset(addr, best.address()) + ">";
        };
    }

    private String offset(long addr, long base) {
        long a = addr & addressMask, b = base & addressMask;
        if (a == b) return "";
        return Long.compareUnsigned(a, b) > 0 ? "+0x" + Long.toHexString((a - b) & addressMask) : "-0x" + Long.toHexString((b - a) & addressMask);
    }
}
