package pebble.r5k.bench;

/**
 * The JVM options the launcher ({@code ./pebble}, JAVA_OPTS) runs the emulator with, as constants for the
 * JMH forks' {@code jvmArgsAppend}: the steady state JMH measures must be the code {@code pebble run} runs
 * (the collector decides C2's write barriers; the compile commands decide what C2 inlines into regions).
 * Why each is set is written where the launcher sets it; LauncherJvmOptionsTest checks the two agree.
 */
final class LauncherJvmOptions {
    private LauncherJvmOptions() {}

    static final String STACK = "-Xss8m";
    static final String GC = "-XX:+UseSerialGC";
    static final String YOUNG = "-Xmn8m";
    static final String WIDE_OOPS = "-XX:-UseCompressedOops";
    static final String PRETENURE = "-XX:PretenureSizeThreshold=1m";
    static final String TIER3_DELAY = "-XX:Tier3DelayOn=100000";
    static final String QUIET = "-XX:CompileCommand=quiet";
    static final String LOADS_CALLED = "-XX:CompileCommand=dontinline,pebble.r5k.cpu.Cpu::load*";
    static final String STORES_CALLED = "-XX:CompileCommand=dontinline,pebble.r5k.cpu.Cpu::store*";
    static final String RELINK_CALLED = "-XX:CompileCommand=dontinline,pebble.r5k.cpu.RegionCache::relink";
    static final String LINES_FOUND_CALLED = "-XX:CompileCommand=dontinline,pebble.r5k.cpu.Region::linesFound";
    static final String TIER4_INVOCATIONS = "-XX:Tier4InvocationThreshold=100000";
    static final String TIER4_MIN_INVOCATIONS = "-XX:Tier4MinInvocationThreshold=12000";
    static final String TIER4_COMPILE = "-XX:Tier4CompileThreshold=300000";
    static final String TIER4_BACKEDGES = "-XX:Tier4BackEdgeThreshold=800000";
    static final String TIER4_FEEDBACK = "-XX:Tier4LoadFeedback=1";
    static final String REGIONS_SCALED =
            "-XX:CompileCommand=CompileThresholdScaling,pebble.r5k.cpu.GeneratedRegion*::run,0.25";

    /** All of them, in the launcher's order. */
    static final String[] ALL = {STACK, GC, YOUNG, WIDE_OOPS, PRETENURE, TIER3_DELAY, QUIET, LOADS_CALLED,
            STORES_CALLED, RELINK_CALLED, LINES_FOUND_CALLED, TIER4_INVOCATIONS, TIER4_MIN_INVOCATIONS,
            TIER4_COMPILE, TIER4_BACKEDGES, TIER4_FEEDBACK, REGIONS_SCALED};
}
