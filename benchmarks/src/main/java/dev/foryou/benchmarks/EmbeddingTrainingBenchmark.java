package dev.foryou.benchmarks;

import dev.foryou.ranking.embed.BprConfig;
import dev.foryou.ranking.embed.BprTrainer;
import dev.foryou.ranking.embed.FeedbackMatrix;
import dev.foryou.ranking.embed.IalsConfig;
import dev.foryou.ranking.embed.IalsTrainer;
import dev.foryou.ranking.eval.RatingData;
import dev.foryou.ranking.eval.RatingLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Seconds per training epoch of the embedding trainers with 64 factors: iALS with 3 warm-started
 * conjugate-gradient steps per row (the default), iALS with exact Cholesky row solves, and BPR
 * (Hogwild SGD, one epoch = as many triples as interactions).
 *
 * <p>Data: {@code movielens-100k} is the real MovieLens-100K {@code ratings.tsv} (100,000 ratings,
 * 943 users, 1,682 items; every rating is a positive interaction with strength 1), found under
 * {@code shared/data} by walking up from the working directory (or {@code -Dforyou.data=DIR});
 * {@code synthetic-1m} is 1,000,000 seeded interactions of 50,000 users on 20,000 items with a
 * Zipf-like item popularity, for the per-million-interactions target. Each invocation runs one
 * epoch on a trainer that keeps training (per-epoch cost does not depend on the epoch number).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EmbeddingTrainingBenchmark {

  /** Which interactions to train on. */
  @Param({"movielens-100k", "synthetic-1m"})
  public String dataset;

  /** Worker threads. */
  @Param({"1", "2"})
  public int threads;

  /** Vector dimension. */
  @Param({"64"})
  public int factors;

  private IalsTrainer ialsCg;
  private IalsTrainer ialsExact;
  private BprTrainer bpr;

  /** Loads or generates the data and creates one trainer of each kind. */
  @Setup(Level.Trial)
  public void setUp() throws IOException {
    FeedbackMatrix data = dataset.equals("synthetic-1m") ? synthetic() : movieLens();
    ialsCg = IalsTrainer.of(data, new IalsConfig(factors, 50, 8, 1, 3, threads, 42L));
    ialsExact = IalsTrainer.of(data, new IalsConfig(factors, 50, 8, 1, 0, threads, 42L));
    bpr = BprTrainer.of(data, new BprConfig(factors, 0.02, 0.01, 1, threads, 42L));
  }

  /** One iALS epoch (item then user half-step), 3 CG steps per row. */
  @Benchmark
  public void ialsConjugateGradientEpoch(Blackhole bh) {
    ialsCg.epoch();
    bh.consume(ialsCg.epochs());
  }

  /** One iALS epoch with exact Cholesky row solves. */
  @Benchmark
  public void ialsCholeskyEpoch(Blackhole bh) {
    ialsExact.epoch();
    bh.consume(ialsExact.epochs());
  }

  /** One BPR epoch. */
  @Benchmark
  public void bprEpoch(Blackhole bh) {
    bpr.epoch();
    bh.consume(bpr.epochs());
  }

  private static FeedbackMatrix movieLens() throws IOException {
    Path dir = dataDir();
    Path file = dir.resolve("movielens-100k").resolve("ratings.tsv");
    RatingData r = RatingLoader.load(file, RatingLoader.Format.AUTO);
    FeedbackMatrix.Builder b = FeedbackMatrix.builder(r.users(), r.items());
    for (int k = 0; k < r.size(); k++) {
      b.add(r.user(k), r.item(k), 1f);
    }
    return b.build();
  }

  private static FeedbackMatrix synthetic() {
    int users = 50_000;
    int items = 20_000;
    SplittableRandom rnd = new SplittableRandom(42);
    FeedbackMatrix.Builder b = FeedbackMatrix.builder(users, items);
    for (int k = 0; k < 1_000_000; k++) {
      int u = rnd.nextInt(users);
      // Zipf-like: item index ~ items^(x) for uniform x, popular items first
      int i = (int) Math.min(items - 1, Math.floor(Math.pow(items, rnd.nextDouble())) - 1);
      b.add(u, i, 1f + rnd.nextInt(3));
    }
    return b.build();
  }

  private static Path dataDir() {
    String prop = System.getProperty("foryou.data");
    if (prop != null) {
      return Path.of(prop);
    }
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      Path d = p.resolve("shared").resolve("data");
      if (Files.isDirectory(d.resolve("movielens-100k"))) {
        return d;
      }
      p = p.getParent();
    }
    throw new IllegalStateException(
        "shared/data/movielens-100k not found above "
            + Path.of("").toAbsolutePath()
            + "; pass -Dforyou.data=DIR (jvmArgsAppend) or run from inside the project");
  }
}
