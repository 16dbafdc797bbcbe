package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.signal.AffinityKind;
import dev.foryou.core.signal.SignalStore;
import dev.foryou.ranking.embed.UserVectorSource;
import java.util.SplittableRandom;

/** The package-private source implementations; see {@link CandidateSources} for the factories. */
final class Sources {
  private Sources() {}

  /** Per-thread scratch buffers, grown on demand. */
  static final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    int[] ints = new int[256];
    int[] keys = new int[64];
    int[] seeds = new int[64];
    float[] floats = new float[256];
    double[] doubles = new double[64];
    float[] vector = new float[0];

    static Scratch get(int n) {
      Scratch s = LOCAL.get();
      if (s.ints.length < n) {
        s.ints = new int[n];
        s.floats = new float[n];
      }
      return s;
    }
  }

  static final class Ann implements CandidateSource {
    private final Catalog catalog;
    private final UserVectorSource vectors;
    private final double beamFactor;

    Ann(Catalog catalog, UserVectorSource vectors, double beamFactor) {
      this.catalog = catalog;
      this.vectors = vectors;
      this.beamFactor = beamFactor;
    }

    @Override
    public Source source() {
      return Source.ANN;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit);
      int dim = catalog.dimension();
      if (s.vector.length != dim) {
        s.vector = new float[dim];
      }
      float[] uvec = q.userVector();
      if (uvec == null || uvec.length != dim) {
        if (!vectors.userVector(q.user(), s.vector)) {
          return 0;
        }
        uvec = s.vector;
      }
      int beam = (int) Math.min(100_000, Math.ceil(limit * beamFactor));
      int n = catalog.nearest(uvec, limit, Math.max(limit, beam), q.accept(), s.ints, s.floats);
      for (int i = 0; i < n; i++) {
        out.add(s.ints[i], Source.ANN, s.floats[i]);
      }
      return n;
    }
  }

  static final class CoEngagement implements CandidateSource {
    private final SignalStore signals;
    private final int seeds;

    CoEngagement(SignalStore signals, int seeds) {
      this.signals = signals;
      this.seeds = seeds;
    }

    @Override
    public Source source() {
      return Source.CO_ENGAGEMENT;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit);
      if (s.seeds.length != seeds) {
        s.seeds = new int[seeds];
      }
      int h = signals.recentHistory(q.user(), s.seeds);
      if (h == 0) {
        return 0;
      }
      int per = Math.max(4, (limit + h - 1) / h);
      int proposed = 0;
      float recency = 1f;
      for (int i = 0; i < h && proposed < limit; i++, recency *= 0.9f) {
        int n = signals.coEngaged(s.seeds[i], Math.min(per, limit - proposed), s.ints, s.floats);
        for (int j = 0; j < n; j++) {
          int v = s.ints[j];
          if (q.accept().test(v)) {
            out.add(v, Source.CO_ENGAGEMENT, recency * s.floats[j]);
            proposed++;
          }
        }
      }
      return proposed;
    }
  }

  static final class Trending implements CandidateSource {
    private final TrendingIndex index;

    Trending(TrendingIndex index) {
      this.index = index;
    }

    @Override
    public Source source() {
      return Source.TRENDING;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      int global = q.language() < 0 && q.country() < 0 ? limit : Math.max(1, limit / 2);
      int proposed = segment(q, -1, -1, global, out);
      if (q.language() >= 0) {
        proposed += segment(q, q.language(), -1, (limit - proposed + 1) / 2, out);
      }
      if (q.country() >= 0) {
        proposed += segment(q, -1, q.country(), limit - proposed, out);
      }
      return proposed;
    }

    private int segment(Query q, int language, int country, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      // over-fetch: seen and filtered videos are skipped
      Scratch s = Scratch.get(limit * 2);
      int[] vids = s.ints;
      float[] scores = s.floats;
      int n = index.top(language, country, q.nowMillis(), vids, scores);
      int proposed = 0;
      for (int i = 0; i < n && proposed < limit; i++) {
        if (q.accept().test(vids[i])) {
          out.add(vids[i], Source.TRENDING, scores[i]);
          proposed++;
        }
      }
      return proposed;
    }
  }

  static final class Creators implements CandidateSource {
    private final SignalStore signals;
    private final ContentIndex content;
    private final boolean followed;

    Creators(SignalStore signals, ContentIndex content, boolean followed) {
      this.signals = signals;
      this.content = content;
      this.followed = followed;
    }

    @Override
    public Source source() {
      return followed ? Source.FOLLOWED : Source.AFFINE_CREATOR;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit);
      int k;
      if (followed) {
        k = signals.followedCreators(q.user(), s.keys);
        for (int i = 0; i < k; i++) {
          s.doubles[i] = 1;
        }
      } else {
        k = signals.topAffinities(q.user(), AffinityKind.CREATOR, 16, s.keys, s.doubles);
      }
      return fromKeys(q, limit, out, s, k, source(), content::byCreator);
    }
  }

  interface KeyLists {
    int recent(int key, int[] out);
  }

  /** Proposes the newest videos of each key with a positive weight, round-robin by rank. */
  static int fromKeys(
      Query q, int limit, CandidateSet out, Scratch s, int k, Source source, KeyLists lists) {
    if (k == 0) {
      return 0;
    }
    int per = Math.max(2, (limit + k - 1) / k);
    int proposed = 0;
    int[] buf = s.ints.length >= per * 2 ? s.ints : new int[per * 2];
    for (int i = 0; i < k && proposed < limit; i++) {
      if (!(s.doubles[i] > 0)) {
        continue;
      }
      int n = lists.recent(s.keys[i], buf);
      int taken = 0;
      for (int j = 0; j < n && taken < per && proposed < limit; j++) {
        int v = buf[j];
        if (q.accept().test(v)) {
          out.add(v, source, (float) s.doubles[i] / (1 + j));
          taken++;
          proposed++;
        }
      }
    }
    return proposed;
  }

  static final class Tags implements CandidateSource {
    private final SignalStore signals;
    private final ContentIndex content;
    private final boolean sounds;

    Tags(SignalStore signals, ContentIndex content, boolean sounds) {
      this.signals = signals;
      this.content = content;
      this.sounds = sounds;
    }

    @Override
    public Source source() {
      return sounds ? Source.SOUND : Source.HASHTAG;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit);
      AffinityKind kind = sounds ? AffinityKind.SOUND : AffinityKind.HASHTAG;
      int k = signals.topAffinities(q.user(), kind, 8, s.keys, s.doubles);
      return fromKeys(
          q, limit, out, s, k, source(), sounds ? content::bySound : content::byHashtag);
    }
  }

  static final class Challenges implements CandidateSource {
    private final ContentIndex content;

    Challenges(ContentIndex content) {
      this.content = content;
    }

    @Override
    public Source source() {
      return Source.CHALLENGE;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit);
      int k = content.challengeHashtags(s.keys);
      for (int i = 0; i < k; i++) {
        s.doubles[i] = 1.0 / (1 + i);
      }
      return fromKeys(q, limit, out, s, k, Source.CHALLENGE, content::byHashtag);
    }
  }

  static final class Fresh implements CandidateSource {
    private final ContentIndex content;
    private final SignalStore signals;
    private final Catalog catalog;
    private final long maxAgeMillis;
    private final double maxImpressions;

    Fresh(
        ContentIndex content,
        SignalStore signals,
        Catalog catalog,
        long maxAgeMillis,
        double maxImpressions) {
      this.content = content;
      this.signals = signals;
      this.catalog = catalog;
      this.maxAgeMillis = maxAgeMillis;
      this.maxImpressions = maxImpressions;
    }

    @Override
    public Source source() {
      return Source.FRESH;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      if (limit <= 0) {
        return 0;
      }
      Scratch s = Scratch.get(limit * 4);
      int[] buf = s.ints;
      int n = Math.min(content.newest(buf), limit * 4);
      int proposed = 0;
      for (int i = 0; i < n && proposed < limit; i++) {
        int v = buf[i];
        if (!q.accept().test(v)) {
          continue;
        }
        long age;
        try {
          age = q.nowMillis() - catalog.publishedAtMillis(v);
        } catch (IllegalArgumentException removed) {
          continue;
        }
        if (age > maxAgeMillis) {
          continue;
        }
        if (signals.count(v, dev.foryou.core.signal.VideoCounter.IMPRESSIONS) > maxImpressions) {
          continue;
        }
        out.add(v, Source.FRESH, 1f / (1 + i));
        proposed++;
      }
      return proposed;
    }
  }

  static final class Explore implements CandidateSource {
    private final Catalog catalog;

    Explore(Catalog catalog) {
      this.catalog = catalog;
    }

    @Override
    public Source source() {
      return Source.EXPLORE;
    }

    @Override
    public int retrieve(Query q, int limit, CandidateSet out) {
      int bound = catalog.indexBound();
      if (limit <= 0 || bound == 0) {
        return 0;
      }
      SplittableRandom rnd = new SplittableRandom(q.user() * 0x9E3779B97F4A7C15L ^ q.nowMillis());
      int proposed = 0;
      for (int tries = 0; tries < limit * 4 && proposed < limit; tries++) {
        int v = rnd.nextInt(bound);
        if (catalog.isLive(v) && q.accept().test(v) && out.add(v, Source.EXPLORE, 0f)) {
          proposed++;
        }
      }
      return proposed;
    }
  }
}
