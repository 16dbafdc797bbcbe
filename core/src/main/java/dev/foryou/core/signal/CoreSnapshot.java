package dev.foryou.core.signal;

import dev.foryou.core.catalog.Catalog;
import dev.foryou.core.user.UserRegistry;
import java.util.Objects;

/**
 * What {@link SignalStore#restore} rebuilds from a snapshot directory: a new catalog, a new user
 * registry and a new signal store over them, all independent of the state the snapshot was taken
 * from.
 *
 * <p>Immutable; the components are thread-safe.
 *
 * @param catalog the restored catalog (same video indexes, metadata and embeddings)
 * @param users the restored registry (same user indexes and attributes)
 * @param signals the restored store (same settings and features)
 */
public record CoreSnapshot(Catalog catalog, UserRegistry users, SignalStore signals) {
  /** Validates. */
  public CoreSnapshot {
    Objects.requireNonNull(catalog, "catalog");
    Objects.requireNonNull(users, "users");
    Objects.requireNonNull(signals, "signals");
  }
}
