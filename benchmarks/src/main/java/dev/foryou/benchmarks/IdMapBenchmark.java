package dev.foryou.benchmarks;

import dev.foryou.core.IdMap;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link IdMap} lookups of known ids in random order (the edge of every request that names a user,
 * video or campaign by its external id): with the very {@code String} objects that were interned,
 * and with equal strings made apart from them, as ids parsed from a request are. Ids look like
 * {@code video-123456}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class IdMapBenchmark {
  /** Ids in the map. */
  @Param({"100000", "1000000"})
  public int ids;

  private static final int ORDER = 1 << 16;

  private IdMap map;
  private String[] interned;
  private String[] fresh;
  private int[] order;
  private int next;

  /** Interns the ids and draws the order of the lookups (seeded). */
  @Setup(Level.Trial)
  public void setup() {
    map = new IdMap();
    interned = new String[ids];
    fresh = new String[ids];
    for (int i = 0; i < ids; i++) {
      interned[i] = "video-" + i;
      map.intern(interned[i]);
    }
    for (int i = 0; i < ids; i++) {
      fresh[i] = new String(interned[i].toCharArray());
    }
    SplittableRandom r = new SplittableRandom(20_261_207);
    order = new int[ORDER];
    for (int i = 0; i < ORDER; i++) {
      order[i] = r.nextInt(ids);
    }
  }

  /**
   * A lookup with the interned string object.
   *
   * @return the index
   */
  @Benchmark
  public int sameString() {
    return map.intern(interned[order[next++ & (ORDER - 1)]]);
  }

  /**
   * A lookup with an equal string made apart from the interned one.
   *
   * @return the index
   */
  @Benchmark
  public int equalString() {
    return map.intern(fresh[order[next++ & (ORDER - 1)]]);
  }
}
