/**
 * The video catalog: metadata and dense indexes (an in-memory Lucene index for facets, primitive
 * columns for the hot path) and vector search over an on-heap HNSW graph.
 */
package dev.foryou.core.catalog;
