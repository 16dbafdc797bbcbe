/** The video catalog: metadata, dense indexes and vector search over an in-memory Lucene index. */
package dev.foryou.core.catalog;
