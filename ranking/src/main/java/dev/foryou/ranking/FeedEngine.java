package dev.foryou.ranking;

import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.user.UserRegistry;
import dev.foryou.ranking.embed.UserVectorSource;
import dev.foryou.ranking.model.OnlineLearner;
import dev.foryou.ranking.model.Predictor;
import dev.foryou.ranking.model.TrainingExample;
import dev.foryou.ranking.model.ValueModel;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The organic For You feed: the one entry point a service needs.
 *
 * <pre>{@code
 * FeedEngine engine = FeedEngine.builder(catalog, signals, users).build();
 * engine.upsert(video);                                   // or catalog.upsert: picked up lazily
 * FeedPage page = engine.feed(user, 20, FeedContext.firstPage());
 * engine.record(Interaction.of(EventType.IMPRESSION, user, item.video(), now));
 * engine.record(Interaction.view(user, item.video(), now, watchMs));
 * FeedPage next = engine.feed(user, 20, FeedContext.firstPage().withCursor(page.cursor()));
 * }</pre>
 *
 * <p>A request retrieves about {@link Builder#candidates(int)} candidates from the sources of
 * {@link dev.foryou.ranking.candidate.CandidateSources} (ANN from the user vector, co-engagement,
 * followed and affine creators, hashtags, sounds, sponsored challenges, trending, a fresh pool),
 * predicts every {@link dev.foryou.ranking.model.Objective} from a fixed feature vector, scores
 * with the {@link ValueModel}, adds a freshness boost, reserves an exploration budget for new
 * videos by Thompson sampling, and picks the page greedily with MMR diversity and creator/hashtag
 * spacing. Videos the signal store says the user has seen, and videos served to the user in the
 * last {@link Builder#repeatWindow(int)} items, never appear. Unknown users, and users with no
 * history, get a cold-start page: trending (global, language, country), the fresh pool and random
 * exploration, with a larger exploration budget and stronger diversity.
 *
 * <p>{@link #record} feeds the signal store, the trending index, and the online learner: an
 * impression's features are logged when it is recorded and joined with the outcomes that follow
 * (view and watch ratio, like, share, comment, follow, skip, not interested) for {@link
 * Builder#joinWindowMillis(long)}, then learned (and passed to {@link Builder#exampleLog}).
 *
 * <p>Thread-safe: any number of threads may call {@link #feed} and {@link #record} at once.
 */
public interface FeedEngine {

  /** The largest {@code count} a feed request may ask for. */
  int MAX_COUNT = 100;

  /**
   * Starts a builder.
   *
   * @param catalog the catalog to recommend from
   * @param signals the signal store built on that catalog
   * @param users the user registry
   * @return a builder
   */
  static Builder builder(Catalog catalog, SignalStore signals, UserRegistry users) {
    return new Builder(catalog, signals, users);
  }

  /**
   * Returns a page of the user's feed.
   *
   * @param user the user's dense index; an index the registry does not know gets a cold-start page
   * @param count how many items, 1 to {@link #MAX_COUNT}
   * @param context the cursor and filters
   * @return the page (fewer items than {@code count} when the catalog runs out)
   * @throws IllegalArgumentException if {@code user} is negative, {@code count} out of range, or
   *     the cursor malformed
   */
  FeedPage feed(int user, int count, FeedContext context);

  /**
   * Ingests one interaction: into the signal store, the trending index and the online learner.
   *
   * @param event the event
   * @return false if the signal store ignored it as a duplicate
   * @throws IllegalArgumentException if the store rejects it; nothing is changed
   */
  boolean record(Interaction event);

  /**
   * Inserts or replaces a video in the catalog and indexes it for the creator, hashtag, sound,
   * fresh and challenge sources. Videos upserted into the catalog directly are indexed lazily on
   * the next call to {@link #feed} or {@link #record}.
   *
   * @param video the video
   * @return its dense index
   * @throws IllegalArgumentException if the catalog rejects it
   */
  int upsert(Video video);

  /**
   * Installs a model (e.g. a batch-trained one) for scoring instead of the online learner's
   * snapshot, or with {@code null} goes back to the online learner. The online learner keeps
   * learning either way.
   *
   * @param model the model, or null
   */
  void installModel(@Nullable Predictor model);

  /**
   * Returns the model scoring now.
   *
   * @return the installed model, or the online learner's latest snapshot
   */
  Predictor model();

  /**
   * Learns every impression still waiting for outcomes now (e.g. before a shutdown or in tests).
   *
   * @return how many examples were learned
   */
  int flushLearning();

  /**
   * Builds a {@link FeedEngine}. Every setting may be given once; a second time throws {@link
   * IllegalStateException}.
   *
   * <p>Not thread-safe.
   */
  final class Builder {
    final Catalog catalog;
    final SignalStore signals;
    final UserRegistry users;
    private final Set<String> given = new HashSet<>();
    TimeSource time = TimeSource.SYSTEM;
    @Nullable UserVectorSource userVectors;
    ValueModel valueModel = ValueModel.DEFAULT;
    @Nullable OnlineLearner learner;
    int candidates = 1000;
    int creatorSpacing = 4;
    int hashtagSpacing = 2;
    double mmrLambda = 0.8;
    double coldMmrLambda = 0.5;
    double explorationBudget = 0.1;
    double coldExplorationBudget = 0.3;
    long freshnessHalfLifeMillis = 6 * 3_600_000L;
    double freshnessWeight = 0.3;
    int repeatWindow = 500;
    int maxTrackedUsers = 100_000;
    long joinWindowMillis = 300_000;
    int maxPendingImpressions = 200_000;
    long trendingHalfLifeMillis = 3_600_000L;
    long freshMaxAgeMillis = 3 * 86_400_000L;
    double freshMaxImpressions = 200;
    @Nullable Consumer<TrainingExample> exampleLog;

    Builder(Catalog catalog, SignalStore signals, UserRegistry users) {
      this.catalog = Objects.requireNonNull(catalog, "catalog");
      this.signals = Objects.requireNonNull(signals, "signals");
      this.users = Objects.requireNonNull(users, "users");
    }

    private void once(String name) {
      if (!given.add(name)) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    private static void positive(String name, long v) {
      if (v < 1) {
        throw new IllegalArgumentException(name + " must be >= 1: " + v);
      }
    }

    private static double unit(String name, double v) {
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(name + " must be in [0, 1]: " + v);
      }
      return v;
    }

    /**
     * Sets the clock (default {@link TimeSource#SYSTEM}); use the signal store's.
     *
     * @param time the time source
     * @return this
     */
    public Builder timeSource(TimeSource time) {
      once("timeSource");
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets where user vectors come from (default: the recency-decayed, affinity-weighted mean of
     * the history's catalog embeddings, {@link
     * dev.foryou.ranking.candidate.CandidateSources#historyUserVectors}).
     *
     * @param vectors the source, e.g. an iALS fold-in
     * @return this
     */
    public Builder userVectors(UserVectorSource vectors) {
      once("userVectors");
      this.userVectors = Objects.requireNonNull(vectors, "vectors");
      return this;
    }

    /**
     * Sets the value model (default {@link ValueModel#DEFAULT}).
     *
     * @param model the value model
     * @return this
     */
    public Builder valueModel(ValueModel model) {
      once("valueModel");
      this.valueModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Sets the online learner (default {@link dev.foryou.ranking.model.Models#ftrl()}).
     *
     * @param learner the learner
     * @return this
     */
    public Builder learner(OnlineLearner learner) {
      once("learner");
      this.learner = Objects.requireNonNull(learner, "learner");
      return this;
    }

    /**
     * Sets how many candidates a request retrieves and scores (default 1000).
     *
     * @param n 20 to 10,000
     * @return this
     */
    public Builder candidates(int n) {
      once("candidates");
      if (n < 20 || n > 10_000) {
        throw new IllegalArgumentException("candidates must be in [20, 10000]: " + n);
      }
      this.candidates = n;
      return this;
    }

    /**
     * Sets the creator spacing: no two videos of one creator within this many consecutive slots
     * (default 4; 1 disables).
     *
     * @param slots at least 1
     * @return this
     */
    public Builder creatorSpacing(int slots) {
      once("creatorSpacing");
      positive("creatorSpacing", slots);
      this.creatorSpacing = slots;
      return this;
    }

    /**
     * Sets the hashtag spacing: no two videos sharing a hashtag within this many consecutive slots,
     * relaxed for a slot only when nothing fits (default 2; 1 disables).
     *
     * @param slots at least 1
     * @return this
     */
    public Builder hashtagSpacing(int slots) {
      once("hashtagSpacing");
      positive("hashtagSpacing", slots);
      this.hashtagSpacing = slots;
      return this;
    }

    /**
     * Sets the MMR relevance weights for known and cold users (defaults 0.8 and 0.5; 1 = no
     * diversity).
     *
     * @param warm the weight for users with history, in [0, 1]
     * @param cold the weight for cold users, in [0, 1]
     * @return this
     */
    public Builder diversity(double warm, double cold) {
      once("diversity");
      this.mmrLambda = unit("warm", warm);
      this.coldMmrLambda = unit("cold", cold);
      return this;
    }

    /**
     * Sets the share of each page reserved for exploring new videos by Thompson sampling, for known
     * and cold users (defaults 0.1 and 0.3).
     *
     * @param warm share for users with history, in [0, 1]
     * @param cold share for cold users, in [0, 1]
     * @return this
     */
    public Builder exploration(double warm, double cold) {
      once("exploration");
      this.explorationBudget = unit("warm", warm);
      this.coldExplorationBudget = unit("cold", cold);
      return this;
    }

    /**
     * Sets the freshness boost weight·2^(−age/halfLife) added to scores (defaults 6 h, 0.3).
     *
     * @param halfLifeMillis at least 1
     * @param weight finite, at least 0
     * @return this
     */
    public Builder freshness(long halfLifeMillis, double weight) {
      once("freshness");
      positive("halfLifeMillis", halfLifeMillis);
      if (!(weight >= 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weight must be finite and >= 0: " + weight);
      }
      this.freshnessHalfLifeMillis = halfLifeMillis;
      this.freshnessWeight = weight;
      return this;
    }

    /**
     * Sets the no-repeat window: a video served to a user is not served again to them within their
     * next this-many served items (default 500), on top of the signal store's seen-set.
     *
     * @param items at least 1
     * @return this
     */
    public Builder repeatWindow(int items) {
      once("repeatWindow");
      positive("repeatWindow", items);
      this.repeatWindow = items;
      return this;
    }

    /**
     * Sets how many users' served-windows and sessions are kept (least recently used dropped;
     * default 100,000).
     *
     * @param users at least 1
     * @return this
     */
    public Builder maxTrackedUsers(int users) {
      once("maxTrackedUsers");
      positive("maxTrackedUsers", users);
      this.maxTrackedUsers = users;
      return this;
    }

    /**
     * Sets how long an impression waits for its outcomes before it is learned (default 5 min), and
     * the most impressions that may wait (default 200,000; the oldest is learned early).
     *
     * @param windowMillis at least 1
     * @return this
     */
    public Builder joinWindowMillis(long windowMillis) {
      once("joinWindowMillis");
      positive("joinWindowMillis", windowMillis);
      this.joinWindowMillis = windowMillis;
      return this;
    }

    /**
     * Sets the half-life of trending velocity (default 1 h).
     *
     * @param halfLifeMillis at least 1
     * @return this
     */
    public Builder trendingHalfLifeMillis(long halfLifeMillis) {
      once("trendingHalfLifeMillis");
      positive("trendingHalfLifeMillis", halfLifeMillis);
      this.trendingHalfLifeMillis = halfLifeMillis;
      return this;
    }

    /**
     * Sets what makes a video fresh, for the fresh pool and exploration: younger than {@code
     * maxAgeMillis} (default 3 days) with at most {@code maxImpressions} decayed impressions
     * (default 200).
     *
     * @param maxAgeMillis at least 1
     * @param maxImpressions at least 0
     * @return this
     */
    public Builder freshPool(long maxAgeMillis, double maxImpressions) {
      once("freshPool");
      positive("maxAgeMillis", maxAgeMillis);
      if (!(maxImpressions >= 0) || Double.isInfinite(maxImpressions)) {
        throw new IllegalArgumentException("maxImpressions must be >= 0: " + maxImpressions);
      }
      this.freshMaxAgeMillis = maxAgeMillis;
      this.freshMaxImpressions = maxImpressions;
      return this;
    }

    /**
     * Receives every joined training example (for logging and batch training); called on the
     * recording thread, so it must be thread-safe and fast.
     *
     * @param log the consumer
     * @return this
     */
    public Builder exampleLog(Consumer<TrainingExample> log) {
      once("exampleLog");
      this.exampleLog = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Builds the engine and indexes the catalog's current videos.
     *
     * @return the engine
     */
    public FeedEngine build() {
      return new DefaultFeedEngine(this);
    }
  }
}
