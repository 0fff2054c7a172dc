/**
 * Implementation of the client: retry and polling engines, transport discovery, downloads and the
 * JSON codec ({@code internal.wire}). The redaction policy is {@code model.internal.Redaction}. Not
 * public API: it may change in any release; use {@code dev.apimart.core.client}.
 */
@NullMarked
package dev.apimart.core.internal;

import org.jspecify.annotations.NullMarked;
