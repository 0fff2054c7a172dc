/**
 * The SDK's one retry engine: which failure of which operation may be repeated, after how long, and
 * whether the client-wide retry budget allows it. A submission is repeated only when it certainly
 * was not received, or when the user opted in.
 */
@NullMarked
package dev.apimart.core.internal.retry;

import org.jspecify.annotations.NullMarked;
