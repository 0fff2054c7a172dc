/**
 * {@code apimart batch FILE}: many generations from one file, paced to the service's rate limits,
 * with a ledger in the output folder that makes re-running the same command resume without paying
 * twice. The command calls {@link dev.apimart.cli.batch.BatchRunner} with {@link
 * dev.apimart.cli.batch.BatchOptions}; the ledger and the resume rules are described in {@code
 * docs/batch.md}.
 */
@NullMarked
package dev.apimart.cli.batch;

import org.jspecify.annotations.NullMarked;
