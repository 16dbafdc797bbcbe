package dev.foryou.ads.targeting;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who an ad group may reach: per {@link Dimension}, an optional include set (the user must have at
 * least one of its values) and an optional exclude set (the user must have none of its values).
 * Dimensions combine with AND, values within a dimension with OR. An empty spec matches everyone.
 *
 * <p>Immutable and thread-safe. Build with {@link #builder()}.
 *
 * @param include included values per dimension (unmodifiable, normalised, never empty sets)
 * @param exclude excluded values per dimension (unmodifiable, normalised, never empty sets)
 */
public record TargetingSpec(
    Map<Dimension, Set<String>> include, Map<Dimension, Set<String>> exclude) {

  /** Matches everyone. */
  public static final TargetingSpec EVERYONE = builder().build();

  /** Validates, normalises and copies. */
  public TargetingSpec {
    include = freeze(include, "include");
    exclude = freeze(exclude, "exclude");
    for (var e : include.entrySet()) {
      Set<String> ex = exclude.getOrDefault(e.getKey(), Set.of());
      for (String v : e.getValue()) {
        if (ex.contains(v)) {
          throw new IllegalArgumentException(
              e.getKey() + " value '" + v + "' is both included and excluded");
        }
      }
    }
  }

  private static Map<Dimension, Set<String>> freeze(Map<Dimension, Set<String>> m, String what) {
    Objects.requireNonNull(m, what);
    EnumMap<Dimension, Set<String>> out = new EnumMap<>(Dimension.class);
    for (var e : m.entrySet()) {
      Dimension d = Objects.requireNonNull(e.getKey(), what + " dimension");
      Set<String> values = new LinkedHashSet<>();
      for (String v : e.getValue()) {
        values.add(d.normalise(v));
      }
      if (values.isEmpty()) {
        throw new IllegalArgumentException(what + " set of " + d + " must not be empty");
      }
      out.put(d, Collections.unmodifiableSet(values));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * Starts a spec.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells whether any personal dimension (interests, audiences) is included; such ad groups never
   * reach minors.
   *
   * @return true if interests or audiences are included
   */
  public boolean usesPersonalInclude() {
    return include.containsKey(Dimension.INTEREST) || include.containsKey(Dimension.AUDIENCE);
  }

  /**
   * Brute-force match, the reference the index is tested against: every included dimension has a
   * value of the request, and no excluded value is among the request's values.
   *
   * @param query the request
   * @return true if the spec admits the request
   */
  public boolean matches(TargetingQuery query) {
    for (Dimension d : Dimension.values()) {
      Set<String> inc = include.get(d);
      Set<String> exc = exclude.get(d);
      if (inc == null && exc == null) {
        continue;
      }
      List<String> values = query.values(d);
      boolean any = false;
      for (String v : values) {
        if (exc != null && exc.contains(v)) {
          return false;
        }
        any |= inc != null && inc.contains(v);
      }
      if (inc != null && !any) {
        return false;
      }
    }
    return true;
  }

  /** Builds a {@link TargetingSpec}; each dimension may be included once and excluded once. */
  public static final class Builder {
    private final EnumMap<Dimension, Set<String>> include = new EnumMap<>(Dimension.class);
    private final EnumMap<Dimension, Set<String>> exclude = new EnumMap<>(Dimension.class);

    private Builder() {}

    /**
     * Requires one of these values in a dimension.
     *
     * @param d the dimension
     * @param values the values (at least one)
     * @return this builder
     * @throws IllegalStateException if the dimension's include was already set
     */
    public Builder include(Dimension d, String... values) {
      return put(include, "include", d, values);
    }

    /**
     * Forbids these values in a dimension.
     *
     * @param d the dimension
     * @param values the values (at least one)
     * @return this builder
     * @throws IllegalStateException if the dimension's exclude was already set
     */
    public Builder exclude(Dimension d, String... values) {
      return put(exclude, "exclude", d, values);
    }

    private Builder put(
        EnumMap<Dimension, Set<String>> m, String what, Dimension d, String... values) {
      Objects.requireNonNull(d, "dimension");
      if (m.containsKey(d)) {
        throw new IllegalStateException(what + " of " + d + " given twice");
      }
      m.put(d, new LinkedHashSet<>(List.of(values)));
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalArgumentException for an invalid or empty value set, or a value both included
     *     and excluded
     */
    public TargetingSpec build() {
      return new TargetingSpec(include, exclude);
    }
  }
}
