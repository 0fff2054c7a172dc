/**
 * What the benchmarks run against: virtual time and an in-memory service model for the polling
 * simulation, a small image server, a stub API for cold starts, PNG fixtures and a census of the
 * threads a client starts. Benchmark plumbing, not SDK code.
 */
@NullMarked
package dev.apimart.benchmarks.support;

import org.jspecify.annotations.NullMarked;
