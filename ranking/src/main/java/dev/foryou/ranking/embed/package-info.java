/** User and video embeddings learned from implicit feedback, with real-time fold-in. */
package dev.foryou.ranking.embed;
