/**
 * The one hierarchy of unchecked exceptions the SDK throws, rooted at {@link
 * dev.apimart.core.error.ApiMartException}. Each says what went wrong in words a person can act on
 * and keeps what the service answered (HTTP status, its message, type and code, and the raw body,
 * truncated). None ever carries the API key.
 */
@NullMarked
package dev.apimart.core.error;

import org.jspecify.annotations.NullMarked;
