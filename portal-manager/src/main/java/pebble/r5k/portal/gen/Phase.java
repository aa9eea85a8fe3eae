package pebble.r5k.portal.gen;

/** A commented block of portal code starting at byte {@code offset}. */
public record Phase(int offset, String title) {}
