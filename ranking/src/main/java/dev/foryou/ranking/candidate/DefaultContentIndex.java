package dev.foryou.ranking.candidate;

import dev.foryou.core.catalog.Catalog;

/** Keyed rings per creator, hashtag and sound plus two global rings (uploads, challenges). */
final class DefaultContentIndex implements ContentIndex {
  private static final int CHALLENGES = 64;
  private final Catalog catalog;
  private final KeyedRecent creators;
  private final KeyedRecent hashtags;
  private final KeyedRecent sounds;
  private final KeyedRecent fresh;
  private final KeyedRecent challenges = new KeyedRecent(CHALLENGES);
  private final int freshPool;

  DefaultContentIndex(Catalog catalog, int perKey, int freshPool) {
    if (perKey < 1) {
      throw new IllegalArgumentException("perKey must be >= 1: " + perKey);
    }
    if (freshPool < 1) {
      throw new IllegalArgumentException("freshPool must be >= 1: " + freshPool);
    }
    this.catalog = catalog;
    this.creators = new KeyedRecent(perKey);
    this.hashtags = new KeyedRecent(perKey);
    this.sounds = new KeyedRecent(perKey);
    this.fresh = new KeyedRecent(freshPool);
    this.freshPool = freshPool;
  }

  @Override
  public void onUpsert(int video) {
    int[] tags;
    int creator;
    int sound;
    boolean sponsored;
    try {
      if (!catalog.isLive(video)) {
        return;
      }
      creator = catalog.creator(video);
      tags = catalog.hashtags(video);
      sound = catalog.sound(video);
      sponsored = catalog.video(video).map(v -> v.sponsored()).orElse(false);
    } catch (IllegalArgumentException removedMeanwhile) {
      return;
    }
    creators.add(creator, video);
    for (int t : tags) {
      hashtags.add(t, video);
      if (sponsored) {
        challenges.add(0, t);
      }
    }
    sounds.add(sound, video);
    fresh.add(0, video);
  }

  @Override
  public int byCreator(int creator, int[] out) {
    return creators.recent(creator, out, out.length);
  }

  @Override
  public int byHashtag(int hashtag, int[] out) {
    return hashtags.recent(hashtag, out, out.length);
  }

  @Override
  public int bySound(int sound, int[] out) {
    return sounds.recent(sound, out, out.length);
  }

  @Override
  public int newest(int[] out) {
    return fresh.recent(0, out, Math.min(out.length, freshPool));
  }

  @Override
  public int challengeHashtags(int[] out) {
    // the ring may hold a hashtag several times; de-duplicate, keeping the newest position
    int[] buf = new int[CHALLENGES];
    int n = challenges.recent(0, buf, CHALLENGES);
    int w = 0;
    outer:
    for (int i = 0; i < n && w < out.length; i++) {
      for (int j = 0; j < w; j++) {
        if (out[j] == buf[i]) {
          continue outer;
        }
      }
      out[w++] = buf[i];
    }
    return w;
  }

  @Override
  public long ramBytesUsed() {
    return creators.bytes()
        + hashtags.bytes()
        + sounds.bytes()
        + fresh.bytes()
        + challenges.bytes();
  }
}
