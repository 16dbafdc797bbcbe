/** foryou core: interaction signals, in-memory feature indexes, catalog and shared value types. */
module dev.foryou.core {
  requires transitive org.apache.lucene.core;
  requires transitive it.unimi.dsi.fastutil;
  requires com.github.benmanes.caffeine;
  requires static transitive org.jspecify;

  exports dev.foryou.core;
  exports dev.foryou.core.catalog;
  exports dev.foryou.core.event;
  exports dev.foryou.core.signal;
  exports dev.foryou.core.user;
}
