/** JMH benchmarks and memory reports; see {@code benchmarks/README.md}. */
package dev.foryou.benchmarks;
