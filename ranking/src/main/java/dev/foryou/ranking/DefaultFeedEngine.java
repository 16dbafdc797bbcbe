package dev.foryou.ranking;

import dev.foryou.core.TimeSource;
import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.catalog.Video;
import dev.foryou.core.event.EventType;
import dev.foryou.core.event.Interaction;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.core.signal.VideoCounter;
import dev.foryou.core.user.UserAttributes;
import dev.foryou.core.user.UserRegistry;
import dev.foryou.ranking.candidate.CandidateSet;
import dev.foryou.ranking.candidate.CandidateSource;
import dev.foryou.ranking.candidate.CandidateSources;
import dev.foryou.ranking.candidate.ContentIndex;
import dev.foryou.ranking.candidate.Query;
import dev.foryou.ranking.candidate.TrendingIndex;
import dev.foryou.ranking.embed.UserVectorSource;
import dev.foryou.ranking.internal.Select;
import dev.foryou.ranking.model.FeatureExtractor;
import dev.foryou.ranking.model.Features;
import dev.foryou.ranking.model.Models;
import dev.foryou.ranking.model.Objective;
import dev.foryou.ranking.model.OnlineLearner;
import dev.foryou.ranking.model.PreRanker;
import dev.foryou.ranking.model.Predictor;
import dev.foryou.ranking.model.TrainingExample;
import dev.foryou.ranking.model.ValueModel;
import dev.foryou.ranking.rerank.RankedList;
import dev.foryou.ranking.rerank.Reranker;
import dev.foryou.ranking.rerank.Rerankers;
import dev.foryou.ranking.rerank.Selector;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/** The standard engine; see {@link FeedEngine}. */
final class DefaultFeedEngine implements FeedEngine {
  private static final int OBJ = Objective.count();
  private static final int NEW_VIDEO_IMPRESSIONS = 100;
  private static final int POOL = 150;
  private static final int EXPLAIN_TOP = 5;

  /**
   * How many candidates the pre-ranker passes to the full features and model (besides every
   * exploration-eligible new video); twice the selector's pool.
   */
  static final int PRE_RANK = 2 * POOL;

  private static final String[] VALUE_LABELS = new String[OBJ];
  private static final String[] FEATURE_LABELS = new String[Features.SIZE];

  static {
    for (int o = 0; o < OBJ; o++) {
      VALUE_LABELS[o] = "value:" + Objective.of(o).name().toLowerCase(java.util.Locale.ROOT);
    }
    for (int f = 0; f < Features.SIZE; f++) {
      FEATURE_LABELS[f] = "feature:" + Features.name(f);
    }
  }

  private final Catalog catalog;
  private final SignalStore signals;
  private final UserRegistry users;
  private final TimeSource time;
  private final ContentIndex content;
  private final TrendingIndex trending;
  private final UserVectorSource userVectors;
  private final FeatureExtractor features;
  private final OnlineLearner learner;
  private final AtomicReference<@Nullable Predictor> installed = new AtomicReference<>();
  private final ValueModel value;
  private final @Nullable Consumer<TrainingExample> exampleLog;
  private final LearningJoin join;
  private final UserStates states;
  private final int candidates;
  private final CandidateSource[] warmSources;
  private final double[] warmShares;
  private final CandidateSource[] coldSources;
  private final double[] coldShares;
  private final Reranker freshness;
  private final Reranker warmExplore;
  private final Reranker coldExplore;
  private final Selector warmSelect;
  private final Selector coldSelect;
  private final Object indexLock = new Object();
  private final long freshMaxAgeMillis;
  private volatile int indexed;
  private final ThreadLocal<Scratch> scratch;
  private final Filters noFilters;
  private final double freshnessHalfLifeMillis;
  private final double freshnessWeight;
  private volatile int preRank = PRE_RANK;
  private volatile boolean audit;
  private final java.util.concurrent.atomic.AtomicLongArray audits =
      new java.util.concurrent.atomic.AtomicLongArray(3);

  private final class Scratch {
    final CandidateSet set = new CandidateSet(candidates);
    final RankedList list = new RankedList(candidates, catalog.dimension());
    final float[] x = new float[Features.SIZE];
    final float[] p = new float[OBJ];
    final float[] userVec = new float[catalog.dimension()];
    final float[] emb = new float[catalog.dimension()];
    final int[] picks = new int[MAX_COUNT];
    final int[] history = new int[1];
    final int[] follows = new int[1];
    final double[] counts = new double[VideoCounter.values().length];
    final double[] scores = new double[candidates];
    final int[] videos = new int[candidates];
    final float[] rows = new float[candidates * Features.SIZE];
    final int[] rowSlot = new int[candidates];
    final double[] preScores = new double[candidates];
    final boolean[] keep = new boolean[candidates];
    final PreRanker preRanker = new PreRanker();
    int[] tags = new int[16];
    final int[] topLabel = new int[EXPLAIN_TOP];
    final double[] topAmount = new double[EXPLAIN_TOP];
    @Nullable RankedList auditList;
    int @Nullable [] auditPicks;
  }

  DefaultFeedEngine(FeedEngine.Builder b) {
    this.catalog = b.catalog;
    this.signals = b.signals;
    this.users = b.users;
    this.time = b.time;
    this.content = ContentIndex.create(catalog, 32, 8192);
    this.trending = TrendingIndex.create(catalog, b.trendingHalfLifeMillis, 512);
    this.userVectors =
        b.userVectors != null
            ? b.userVectors
            : CandidateSources.historyUserVectors(catalog, signals, 50, 0.95f);
    this.features = FeatureExtractor.create(catalog, signals, 20);
    this.learner = b.learner != null ? b.learner : Models.ftrl();
    this.value = b.valueModel;
    this.exampleLog = b.exampleLog;
    this.join = new LearningJoin(b.joinWindowMillis, b.maxPendingImpressions);
    this.states = new UserStates(b.repeatWindow, b.maxTrackedUsers, b.seed);
    this.candidates = b.candidates;
    this.freshMaxAgeMillis = b.freshMaxAgeMillis;
    this.warmSources =
        new CandidateSource[] {
          CandidateSources.ann(catalog, userVectors),
          CandidateSources.coEngagement(signals, 16),
          CandidateSources.followedCreators(signals, content),
          CandidateSources.affineCreators(signals, content),
          CandidateSources.hashtags(signals, content),
          CandidateSources.sounds(signals, content),
          CandidateSources.challenges(content),
          CandidateSources.trending(trending),
          CandidateSources.fresh(
              content, signals, catalog, b.freshMaxAgeMillis, b.freshMaxImpressions),
          CandidateSources.explore(catalog)
        };
    // ANN is the costliest source per candidate (HNSW with oversampling), so it gets a tenth;
    // the cheap list-based sources fill the rest
    this.warmShares = new double[] {0.10, 0.20, 0.10, 0.10, 0.15, 0.05, 0.02, 0.15, 0.10, 0.03};
    this.coldSources =
        new CandidateSource[] {
          CandidateSources.trending(trending),
          CandidateSources.challenges(content),
          CandidateSources.fresh(
              content, signals, catalog, b.freshMaxAgeMillis, b.freshMaxImpressions),
          CandidateSources.explore(catalog)
        };
    this.coldShares = new double[] {0.45, 0.05, 0.2, 0.3};
    this.freshness = Rerankers.freshness(b.freshnessHalfLifeMillis, b.freshnessWeight);
    this.freshnessHalfLifeMillis = b.freshnessHalfLifeMillis;
    this.freshnessWeight = b.freshnessWeight;
    this.warmExplore = Rerankers.thompsonExploration(b.explorationBudget, 1, 10);
    this.coldExplore = Rerankers.thompsonExploration(b.coldExplorationBudget, 1, 10);
    this.warmSelect = Rerankers.diversity(b.creatorSpacing, b.hashtagSpacing, b.mmrLambda, POOL);
    this.coldSelect =
        Rerankers.diversity(b.creatorSpacing, b.hashtagSpacing, b.coldMmrLambda, POOL);
    this.scratch = ThreadLocal.withInitial(Scratch::new);
    this.noFilters = Filters.none(catalog);
    catchUp();
  }

  /** Indexes videos upserted into the catalog directly since the last call. */
  private void catchUp() {
    int bound = catalog.indexBound();
    if (bound <= indexed) {
      return;
    }
    synchronized (indexLock) {
      for (int v = indexed; v < catalog.indexBound(); v++) {
        content.onUpsert(v);
        indexed = v + 1;
      }
    }
  }

  @Override
  public int upsert(Video video) {
    Objects.requireNonNull(video, "video");
    int v = catalog.upsert(video);
    catchUp();
    if (v < indexed) {
      content.onUpsert(v); // a replacement of an already indexed video
    }
    return v;
  }

  @Override
  public void installModel(@Nullable Predictor model) {
    installed.set(model);
  }

  @Override
  public Predictor model() {
    Predictor m = installed.get();
    return m != null ? m : learner.current();
  }

  // ------------------------------------------------------------------ feed

  @Override
  public FeedPage feed(int user, int count, FeedContext context) {
    if (user < 0) {
      throw new IllegalArgumentException("user index must be >= 0: " + user);
    }
    if (count < 1 || count > MAX_COUNT) {
      throw new IllegalArgumentException("count must be in [1, " + MAX_COUNT + "]: " + count);
    }
    Objects.requireNonNull(context, "context");
    long cursorSession = -1;
    int cursorPage = -1;
    if (!context.cursor().isEmpty()) {
      String c = context.cursor();
      int dot = c.indexOf('.');
      try {
        if (dot < 1) {
          throw new NumberFormatException();
        }
        cursorSession = Long.parseUnsignedLong(c.substring(0, dot), 16);
        cursorPage = Integer.parseInt(c.substring(dot + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("malformed cursor: '" + c + "'");
      }
    }
    catchUp();
    long now = time.nowMillis();
    boolean known = users.contains(user);
    UserAttributes attrs = known ? users.attributes(user) : UserAttributes.UNKNOWN;
    Scratch s = scratch.get();
    boolean cold =
        !known
            || (signals.recentHistory(user, s.history) == 0
                && signals.followedCreators(user, s.follows) == 0);
    int language =
        attrs.language().isEmpty() ? -1 : index(catalog.languages().indexOf(attrs.language()));
    int country = trending.countryIndex(attrs.country());
    Filters filters =
        context.blockedCreators().isEmpty()
                && context.languages().isEmpty()
                && context.excludedHashtags().isEmpty()
            ? noFilters
            : Filters.of(catalog, context);
    UserStates.State st = states.get(user);
    synchronized (st) {
      if (cursorSession != st.sessionId || cursorPage != st.page) {
        st.newSession();
      }
      // the user's seen-set resolved once for the request (read lock-free by the standard store)
      IntPredicate seen = known ? signals.seenSet(user) : null;
      IntPredicate accept =
          v ->
              catalog.isLive(v)
                  && !st.served(v)
                  && (seen == null || !seen.test(v))
                  && filters.test(v);
      // the user vector once per request: the ANN source and the features share it
      float[] uvec = !cold && userVectors.userVector(user, s.userVec) ? s.userVec : null;
      Query q = new Query(user, now, language, country, accept, uvec);
      CandidateSet set = s.set;
      set.clear();
      CandidateSource[] sources = cold ? coldSources : warmSources;
      double[] shares = cold ? coldShares : warmShares;
      for (int i = 0; i < sources.length; i++) {
        int limit = (int) Math.round(shares[i] * candidates);
        sources[i].retrieve(q, Math.min(limit, candidates - set.size()), set);
      }
      // back-fill from trending, fresh and exploration when the personal sources ran dry
      if (set.size() < count * 3 && !cold) {
        for (int i = 0; i < coldSources.length && !set.isFull(); i++) {
          coldSources[i].retrieve(q, Math.min(count * 3, candidates - set.size()), set);
        }
      }
      Predictor model = model();
      FeatureExtractor.Batch fx = features.batch(known ? user : -1, uvec, cold, now);
      int m = set.size();
      for (int i = 0; i < m; i++) {
        s.videos[i] = set.video(i);
      }
      fx.prefetch(s.videos, m);
      boolean[] keep = preRank(fx, set, model, now, s) ? s.keep : null;
      RankedList list = s.list;
      score(fx, set, model, now, keep, list, s);
      long seed = st.sessionId * 31 + st.page;
      int n = rerankAndSelect(list, count, now, seed, cold, s, s.picks);
      if (audit) {
        audit(fx, set, model, now, count, seed, cold, keep, s, n);
      }
      List<FeedItem> items = new ArrayList<>(n);
      for (int k = 0; k < n; k++) {
        int at = s.picks[k];
        int v = list.video(at);
        int mask = set.sources(list.tag(at));
        String id = catalog.isLive(v) ? catalog.videoId(v) : "";
        // the row the entry was scored with (score leaves it at the candidate's slot)
        System.arraycopy(s.rows, list.tag(at) * Features.SIZE, s.x, 0, Features.SIZE);
        model.predict(s.x, s.p);
        List<Contribution> why = explain(model, s.x, s.p, list.score(at) - value.score(s.p), s);
        items.add(new FeedItem(v, id, list.score(at), mask, list.isExplore(at), why));
        st.serve(v);
      }
      st.page++;
      String cursor = Long.toHexString(st.sessionId) + "." + st.page;
      return new FeedPage(items, cursor, cold);
    }
  }

  /**
   * Scores the candidates with the full features and model into {@code list}, in candidate order;
   * with {@code keep} (set by {@link #preRank} in this request), only the kept ones, refining the
   * cheap rows {@link #preRank} left in {@code s.rows} instead of extracting again.
   */
  private void score(
      FeatureExtractor.Batch fx,
      CandidateSet set,
      Predictor model,
      long now,
      boolean @Nullable [] keep,
      RankedList list,
      Scratch s) {
    list.clear();
    for (int i = 0; i < set.size(); i++) {
      if (keep != null && !keep[i]) {
        continue;
      }
      int v = set.video(i);
      boolean ok;
      if (keep != null) {
        // the cheap pass read everything already: recompute only its approximated features
        System.arraycopy(s.rows, i * Features.SIZE, s.x, 0, Features.SIZE);
        ok = fx.refine(i, v, set.sources(i), s.x, s.counts);
      } else {
        ok = fx.extractAt(i, v, set.sources(i), s.x, s.counts);
      }
      if (!ok) {
        continue;
      }
      System.arraycopy(s.x, 0, s.rows, i * Features.SIZE, Features.SIZE); // for explain
      model.predict(s.x, s.p);
      double score = value.score(s.p);
      int creator;
      int nTags;
      int category;
      long published;
      try {
        creator = catalog.creator(v);
        nTags = catalog.hashtags(v, s.tags);
        if (nTags > s.tags.length) {
          s.tags = new int[nTags];
          nTags = catalog.hashtags(v, s.tags);
        }
        category = catalog.category(v);
        published = catalog.publishedAtMillis(v);
      } catch (IllegalArgumentException removedMeanwhile) {
        continue;
      }
      int at = list.add(v, creator, s.tags, nTags, category, published, score, i);
      double impressions =
          Math.max(
              s.counts[VideoCounter.IMPRESSIONS.ordinal()], s.counts[VideoCounter.VIEWS.ordinal()]);
      if (impressions < NEW_VIDEO_IMPRESSIONS && now - published <= freshMaxAgeMillis) {
        double successes =
            s.counts[VideoCounter.COMPLETES.ordinal()] + s.counts[VideoCounter.LIKES.ordinal()];
        list.setNew(at, (float) successes, (float) impressions);
      }
    }
  }

  /**
   * The pre-ranker: cheap features and the linearised value (plus the freshness boost) for every
   * candidate; keeps the best {@link #preRank} and every exploration-eligible new video (so the
   * exploration re-ranker sees exactly the entries, in the order, it would without pre-ranking).
   *
   * @return false when nothing is cut (few candidates, pre-ranking off, or a non-linear model)
   */
  private boolean preRank(
      FeatureExtractor.Batch fx, CandidateSet set, Predictor model, long now, Scratch s) {
    int m = set.size();
    int k = preRank;
    if (k <= 0 || m <= k) {
      return false;
    }
    boolean[] keep = s.keep;
    float[] rows = s.rows;
    double[] pre = s.preScores;
    int r = 0;
    for (int i = 0; i < m; i++) {
      keep[i] = false;
      int v = s.videos[i];
      if (!fx.extractCheap(i, v, set.sources(i), s.x, s.counts)) {
        continue;
      }
      long published;
      try {
        published = catalog.publishedAtMillis(v);
      } catch (IllegalArgumentException removedMeanwhile) {
        continue;
      }
      // the row stays at the candidate's slot: the full pass refines it (see score)
      System.arraycopy(s.x, 0, rows, i * Features.SIZE, Features.SIZE);
      double impressions =
          Math.max(
              s.counts[VideoCounter.IMPRESSIONS.ordinal()], s.counts[VideoCounter.VIEWS.ordinal()]);
      double age = Math.max(0, now - published);
      if (impressions < NEW_VIDEO_IMPRESSIONS && now - published <= freshMaxAgeMillis) {
        keep[i] = true; // exploration-eligible: always scored in full
        continue;
      }
      pre[r] = freshnessWeight * Math.exp(-age * LN2 / freshnessHalfLifeMillis);
      s.rowSlot[r++] = i;
    }
    if (!s.preRanker.prepare(model, value, rows, s.rowSlot, r)) {
      return false;
    }
    for (int j = 0; j < r; j++) {
      pre[j] += s.preRanker.score(rows, s.rowSlot[j]);
    }
    if (r <= k) {
      for (int j = 0; j < r; j++) {
        keep[s.rowSlot[j]] = true;
      }
      return true;
    }
    double[] sorted = s.scores;
    System.arraycopy(pre, 0, sorted, 0, r);
    double threshold = Select.kthLargest(sorted, r, k);
    for (int j = 0; j < r; j++) {
      if (pre[j] >= threshold) {
        keep[s.rowSlot[j]] = true;
      }
    }
    return true;
  }

  private static final double LN2 = Math.log(2);

  private int rerankAndSelect(
      RankedList list, int count, long now, long seed, boolean cold, Scratch s, int[] picks) {
    SplittableRandom random = new SplittableRandom(seed);
    freshness.rerank(list, count, now, random);
    (cold ? coldExplore : warmExplore).rerank(list, count, now, random);
    attachEmbeddings(list, s);
    return (cold ? coldSelect : warmSelect).select(list, count, picks);
  }

  /** Tests only: the page without pre-ranking, compared with the one just selected. */
  private void audit(
      FeatureExtractor.Batch fx,
      CandidateSet set,
      Predictor model,
      long now,
      int count,
      long seed,
      boolean cold,
      boolean @Nullable [] keep,
      Scratch s,
      int n) {
    if (s.auditList == null) {
      s.auditList = new RankedList(candidates, catalog.dimension());
      s.auditPicks = new int[MAX_COUNT];
    }
    RankedList full = s.auditList;
    int[] fullPicks = s.auditPicks;
    int fn = n;
    if (keep != null) {
      score(fx, set, model, now, null, full, s);
      fn = rerankAndSelect(full, count, now, seed, cold, s, fullPicks);
    }
    boolean same = fn == n;
    int overlap = 0;
    for (int a = 0; a < n; a++) {
      int v = s.list.video(s.picks[a]);
      if (keep != null && (a >= fn || full.video(fullPicks[a]) != v)) {
        same = false;
      }
      for (int b = 0; b < fn; b++) {
        if (keep == null || full.video(fullPicks[b]) == v) {
          overlap++;
          break;
        }
      }
    }
    audits.incrementAndGet(0);
    if (same) {
      audits.incrementAndGet(1);
    }
    audits.addAndGet(2, overlap);
  }

  /** Tests only: how many candidates the pre-ranker keeps (0 turns it off). */
  void preRankSize(int k) {
    this.preRank = k;
  }

  /** Tests only: compare every page with the one the full model would give. */
  void audit(boolean on) {
    this.audit = on;
  }

  /** Tests only: audited pages, identical pages, and items also on the full model's page. */
  long[] audits() {
    return new long[] {audits.get(0), audits.get(1), audits.get(2)};
  }

  /**
   * Copies embeddings (for MMR similarity) only into the entries the selector can pick: the top
   * {@link #POOL} by score and the exploration entries.
   */
  private void attachEmbeddings(RankedList list, Scratch s) {
    int n = list.size();
    double threshold = Double.NEGATIVE_INFINITY;
    if (n > POOL) {
      double[] scores = s.scores;
      for (int i = 0; i < n; i++) {
        scores[i] = list.score(i);
      }
      threshold = Select.kthLargest(scores, n, POOL);
    }
    for (int i = 0; i < n; i++) {
      if (list.score(i) >= threshold || list.isExplore(i)) {
        try {
          if (catalog.embedding(list.video(i), s.emb)) {
            list.setEmbedding(i, s.emb);
          }
        } catch (IllegalArgumentException removedMeanwhile) {
          // stays without an embedding: similarity falls back to the category
        }
      }
    }
  }

  private static int index(OptionalInt i) {
    return i.isPresent() ? i.getAsInt() : -1;
  }

  /**
   * The value's objective shares wᵢ·pᵢ and the features' first-order effects on the value Σᵢ
   * wᵢ·pᵢ(1−pᵢ)·βᵢⱼ·xⱼ, the top five by magnitude, plus the freshness boost; {@code p} is the
   * model's prediction for {@code x}.
   */
  private List<Contribution> explain(
      Predictor model, float[] x, float[] p, double boost, Scratch s) {
    // the top five by magnitude in one pass, ties kept in insertion order (values, features in
    // order, boost): the first five of a stable sort of all of them, without the objects
    int[] label = s.topLabel;
    double[] amount = s.topAmount;
    int n = 0;
    for (int o = 0; o < OBJ; o++) {
      double w = value.weight(Objective.of(o));
      n = offerTop(label, amount, n, o, w * p[o]);
    }
    for (int f = 1; f < Features.SIZE; f++) {
      double effect = 0;
      for (int o = 0; o < OBJ; o++) {
        Objective obj = Objective.of(o);
        effect += value.weight(obj) * p[o] * (1 - p[o]) * model.logitContribution(obj, f, x);
      }
      if (effect != 0) {
        n = offerTop(label, amount, n, OBJ + f, effect);
      }
    }
    if (boost > 1e-9) {
      n = offerTop(label, amount, n, -1, boost);
    }
    Contribution[] top = new Contribution[n];
    for (int k = 0; k < n; k++) {
      int l = label[k];
      String name = l < 0 ? "boost:freshness" : l < OBJ ? VALUE_LABELS[l] : FEATURE_LABELS[l - OBJ];
      top[k] = new Contribution(name, amount[k]);
    }
    return List.of(top);
  }

  /** Inserts into the top-{@link #EXPLAIN_TOP} buffer by magnitude, after equal ones; new size. */
  private static int offerTop(int[] label, double[] amount, int n, int l, double a) {
    double mag = Math.abs(a);
    int at = n;
    while (at > 0 && Double.compare(Math.abs(amount[at - 1]), mag) < 0) {
      at--;
    }
    if (at >= EXPLAIN_TOP) {
      return n;
    }
    int end = Math.min(n, EXPLAIN_TOP - 1);
    System.arraycopy(label, at, label, at + 1, end - at);
    System.arraycopy(amount, at, amount, at + 1, end - at);
    label[at] = l;
    amount[at] = a;
    return end + 1;
  }

  // ---------------------------------------------------------------- record

  @Override
  public boolean record(Interaction event) {
    Objects.requireNonNull(event, "event");
    if (event.type().isAd()) {
      return signals.record(event);
    }
    catchUp();
    int user = event.user();
    int video = event.item();
    boolean learnable = video < catalog.indexBound() && catalog.isLive(video);
    float[] x = null;
    long duration = 1;
    if (learnable) {
      // an outcome opens an example of its own only when no impression of the pair was logged
      // (services that do not log impressions); late outcomes of a learned impression are dropped
      boolean opens =
          event.type() == EventType.IMPRESSION
              || (event.type() != EventType.GIFT
                  && users.contains(user)
                  && !join.isPending(user, video)
                  && !signals.hasSeen(user, video));
      try {
        duration = catalog.durationMs(video);
        if (opens) {
          x = new float[Features.SIZE];
          Scratch s = scratch.get();
          boolean known = users.contains(user);
          boolean cold = !known || signals.recentHistory(user, s.history) == 0;
          float[] uvec = known && userVectors.userVector(user, s.userVec) ? s.userVec : null;
          if (!features.extract(
              known ? user : -1, video, 0, uvec, cold, event.timestampMillis(), x, null)) {
            x = null;
          }
        }
      } catch (IllegalArgumentException removedMeanwhile) {
        learnable = false;
      }
    }
    boolean applied = signals.record(event); // throws on bad input before we change anything
    if (!applied) {
      return false;
    }
    double w = trendingWeight(event, duration);
    if (w > 0) {
      int country =
          users.contains(user) ? trending.countryIndex(users.attributes(user).country()) : -1;
      trending.record(video, w, event.timestampMillis(), country);
    }
    if (learnable) {
      long now = Math.max(time.nowMillis(), event.timestampMillis());
      learn(join.apply(event, x, duration, now));
    }
    return true;
  }

  private static double trendingWeight(Interaction e, long durationMs) {
    return switch (e.type()) {
      case VIEW -> Math.min(1.0, e.watchMs() / (double) Math.max(1, durationMs));
      case LIKE -> 2;
      case SHARE -> 4;
      case COMMENT -> 2;
      case FOLLOW -> 3;
      case GIFT -> 1;
      default -> 0;
    };
  }

  private void learn(List<TrainingExample> examples) {
    for (TrainingExample ex : examples) {
      learner.update(ex);
      if (exampleLog != null) {
        exampleLog.accept(ex);
      }
    }
  }

  @Override
  public int flushLearning() {
    List<TrainingExample> all = join.drain();
    learn(all);
    learner.publish();
    return all.size();
  }

  /** A request's filters resolved to catalog indexes. */
  private record Filters(
      Catalog catalog,
      IntOpenHashSet creators,
      IntOpenHashSet languages,
      IntOpenHashSet tags,
      boolean languageFilter)
      implements IntPredicate {

    /** No filter: shared by the requests without any (read-only, so thread-safe). */
    static Filters none(Catalog catalog) {
      return new Filters(
          catalog, new IntOpenHashSet(), new IntOpenHashSet(), new IntOpenHashSet(), false);
    }

    static Filters of(Catalog catalog, FeedContext c) {
      IntOpenHashSet creators = resolve(catalog.creators(), c.blockedCreators());
      IntOpenHashSet languages = resolve(catalog.languages(), c.languages());
      IntOpenHashSet tags = resolve(catalog.hashtags(), c.excludedHashtags());
      return new Filters(catalog, creators, languages, tags, !c.languages().isEmpty());
    }

    private static IntOpenHashSet resolve(dev.foryou.core.IdMap map, Set<String> ids) {
      IntOpenHashSet out = new IntOpenHashSet(ids.size());
      for (String id : ids) {
        OptionalInt i = map.indexOf(id);
        if (i.isPresent()) {
          out.add(i.getAsInt());
        }
      }
      return out;
    }

    @Override
    public boolean test(int v) {
      try {
        if (!creators.isEmpty() && creators.contains(catalog.creator(v))) {
          return false;
        }
        if (languageFilter && !languages.contains(catalog.language(v))) {
          return false;
        }
        if (!tags.isEmpty()) {
          for (int t : catalog.hashtags(v)) {
            if (tags.contains(t)) {
              return false;
            }
          }
        }
        return true;
      } catch (IllegalArgumentException removedMeanwhile) {
        return false;
      }
    }
  }
}
