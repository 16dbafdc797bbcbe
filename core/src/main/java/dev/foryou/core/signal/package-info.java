/** The signal store: decayed counters, affinities, histories and co-engagement. */
package dev.foryou.core.signal;
