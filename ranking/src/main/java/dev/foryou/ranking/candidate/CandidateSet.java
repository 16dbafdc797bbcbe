package dev.foryou.ranking.candidate;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import java.util.Objects;

/**
 * A bounded, de-duplicating buffer of candidate videos on parallel primitive arrays: every video
 * appears once, with the bitmask of all sources that proposed it and the best retrieval score any
 * of them gave. Reused across requests ({@link #clear()}), so a request allocates nothing here.
 *
 * <p>Not thread-safe: one per request thread.
 */
public final class CandidateSet {
  private final int[] videos;
  private final int[] sources;
  private final float[] scores;
  private final Int2IntOpenHashMap slot;
  private int size;

  /**
   * Creates an empty set.
   *
   * @param capacity the most candidates it holds, at least 1
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public CandidateSet(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1: " + capacity);
    }
    videos = new int[capacity];
    sources = new int[capacity];
    scores = new float[capacity];
    slot = new Int2IntOpenHashMap(capacity * 2);
    slot.defaultReturnValue(-1);
  }

  /**
   * Adds a candidate, or merges the source into an existing one.
   *
   * @param video a video index, at least 0
   * @param source who proposes it
   * @param score the source's retrieval score (higher is better)
   * @return true if the video was new to the set; false if merged or the set is full
   * @throws IllegalArgumentException if {@code video} is negative
   */
  public boolean add(int video, Source source, float score) {
    if (video < 0) {
      throw new IllegalArgumentException("video index must be >= 0: " + video);
    }
    int s = slot.get(video);
    if (s >= 0) {
      sources[s] |= source.bit();
      if (score > scores[s]) {
        scores[s] = score;
      }
      return false;
    }
    if (size == videos.length) {
      return false;
    }
    slot.put(video, size);
    videos[size] = video;
    sources[size] = source.bit();
    scores[size] = score;
    size++;
    return true;
  }

  /**
   * Tells whether a video is in the set.
   *
   * @param video a video index
   * @return true if present
   */
  public boolean contains(int video) {
    return slot.containsKey(video);
  }

  /**
   * Returns how many candidates the set holds.
   *
   * @return the size
   */
  public int size() {
    return size;
  }

  /**
   * Returns the most candidates the set holds.
   *
   * @return the capacity
   */
  public int capacity() {
    return videos.length;
  }

  /**
   * Tells whether the set is full.
   *
   * @return true if no candidate can be added
   */
  public boolean isFull() {
    return size == videos.length;
  }

  /**
   * Returns the video of slot {@code i}.
   *
   * @param i a slot, 0 to {@link #size()} - 1
   * @return the video index
   */
  public int video(int i) {
    Objects.checkIndex(i, size);
    return videos[i];
  }

  /**
   * Returns the source mask of slot {@code i}.
   *
   * @param i a slot
   * @return the bits of every source that proposed it
   */
  public int sources(int i) {
    Objects.checkIndex(i, size);
    return sources[i];
  }

  /**
   * Returns the best retrieval score of slot {@code i}.
   *
   * @param i a slot
   * @return the score
   */
  public float score(int i) {
    Objects.checkIndex(i, size);
    return scores[i];
  }

  /** Empties the set, keeping its capacity. */
  public void clear() {
    slot.clear();
    size = 0;
  }
}
