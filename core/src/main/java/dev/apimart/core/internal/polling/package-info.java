/**
 * The polling engine, separate from retrying: it plans few, well-timed status requests from the
 * task's estimate and progress, keeps one overall deadline, reports progress, and waits by
 * scheduling (async) or sleeping the caller (sync), never by parking a thread per task.
 */
@NullMarked
package dev.apimart.core.internal.polling;

import org.jspecify.annotations.NullMarked;
