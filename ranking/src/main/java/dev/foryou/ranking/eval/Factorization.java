package dev.foryou.ranking.eval;

import dev.foryou.ranking.embed.BprConfig;
import dev.foryou.ranking.embed.BprTrainer;
import dev.foryou.ranking.embed.EmbeddingModel;
import dev.foryou.ranking.embed.FeedbackMatrix;
import dev.foryou.ranking.embed.IalsConfig;
import dev.foryou.ranking.embed.IalsTrainer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.util.VectorUtil;

/** The matrix-factorization baselines (iALS, BPR) of the embedding package, as algorithms. */
final class Factorization {

  private Factorization() {}

  static FeedbackMatrix feedback(UserItems train) {
    FeedbackMatrix.Builder b = FeedbackMatrix.builder(train.users, train.items);
    for (int u = 0; u < train.users; u++) {
      for (int p = train.start[u]; p < train.start[u + 1]; p++) {
        b.add(u, train.cols[p], 1f);
      }
    }
    return b.build();
  }

  static Recommender recommender(EmbeddingModel model, int users, int items) {
    int d = model.dimension();
    float[][] uv = new float[users][];
    for (int u = 0; u < users; u++) {
      float[] v = new float[d];
      if (model.userVector(u, v)) {
        uv[u] = v;
      }
    }
    float[][] iv = new float[items][];
    for (int i = 0; i < items; i++) {
      float[] v = new float[d];
      if (model.itemVector(i, v)) {
        iv[i] = v;
      }
    }
    return (user, out) -> {
      float[] x = uv[user];
      if (x == null) {
        Arrays.fill(out, 0, items, 0f);
        return;
      }
      for (int i = 0; i < items; i++) {
        out[i] = iv[i] == null ? 0f : VectorUtil.dotProduct(x, iv[i]);
      }
    };
  }

  /** iALS with conjugate-gradient row solves; 64 factors, grid over confidence and L2 weight. */
  static final class Ials implements Algorithm<IalsConfig> {
    private final int threads;
    private final long seed;

    Ials(int threads, long seed) {
      this.threads = threads;
      this.seed = seed;
    }

    @Override
    public String name() {
      return "ials";
    }

    @Override
    public List<IalsConfig> grid() {
      List<IalsConfig> g = new ArrayList<>();
      for (double alpha : new double[] {3, 8, 20}) {
        for (double lambda : new double[] {20, 50, 100, 200}) {
          g.add(new IalsConfig(64, lambda, alpha, 15, 3, threads, seed));
        }
      }
      return g;
    }

    @Override
    public Recommender fit(UserItems train, IalsConfig config) {
      return recommender(IalsTrainer.train(feedback(train), config), train.users, train.items);
    }
  }

  /** BPR-MF by Hogwild SGD; 64 factors, grid over learning rate and L2 weight. */
  static final class Bpr implements Algorithm<BprConfig> {
    private final int threads;
    private final long seed;

    Bpr(int threads, long seed) {
      this.threads = threads;
      this.seed = seed;
    }

    @Override
    public String name() {
      return "bpr";
    }

    @Override
    public List<BprConfig> grid() {
      List<BprConfig> g = new ArrayList<>();
      for (double lr : new double[] {0.02, 0.05}) {
        for (double reg : new double[] {0.001, 0.01}) {
          g.add(new BprConfig(64, lr, reg, 100, threads, seed));
        }
      }
      return g;
    }

    @Override
    public Recommender fit(UserItems train, BprConfig config) {
      return recommender(BprTrainer.train(feedback(train), config), train.users, train.items);
    }
  }
}
