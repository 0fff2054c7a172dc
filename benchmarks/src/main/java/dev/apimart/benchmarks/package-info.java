/**
 * JMH benchmarks that check the SDK's performance targets: overhead on top of a raw HTTP client,
 * request preparation, polling efficiency, concurrency, cold start, the fake server and download
 * memory. Results and the command that produced them are in {@code BENCHMARKS.md}.
 */
@NullMarked
package dev.apimart.benchmarks;

import org.jspecify.annotations.NullMarked;
