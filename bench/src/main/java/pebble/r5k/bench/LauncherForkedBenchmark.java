package pebble.r5k.bench;

import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The benchmarks' common settings, which JMH reads from a superclass too: the forks run with the launcher's JVM
 * options (LauncherJvmOptions), so that the steady state measured is the code {@code pebble run} runs. (An
 * annotation cannot name the array LauncherJvmOptions.ALL, so the list is written out once, here;
 * LauncherJvmOptionsTest checks it against ALL and ALL against the launcher.)
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {LauncherJvmOptions.STACK, LauncherJvmOptions.GC, LauncherJvmOptions.YOUNG,
        LauncherJvmOptions.WIDE_OOPS, LauncherJvmOptions.PRETENURE, LauncherJvmOptions.TIER3_DELAY,
        LauncherJvmOptions.QUIET, LauncherJvmOptions.LOADS_CALLED, LauncherJvmOptions.STORES_CALLED,
        LauncherJvmOptions.RELINK_CALLED, LauncherJvmOptions.LINES_FOUND_CALLED,
        LauncherJvmOptions.TIER4_INVOCATIONS, LauncherJvmOptions.TIER4_MIN_INVOCATIONS,
        LauncherJvmOptions.TIER4_COMPILE, LauncherJvmOptions.TIER4_BACKEDGES, LauncherJvmOptions.TIER4_FEEDBACK,
        LauncherJvmOptions.REGIONS_SCALED})
public abstract class LauncherForkedBenchmark {
}
