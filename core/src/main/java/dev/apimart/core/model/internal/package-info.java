/**
 * Helpers the domain types need but that are not part of the public API: it may change in any
 * release. It lives under {@code model} because the domain may depend on nothing outside it (the
 * domain's {@code toString()} methods use {@link dev.apimart.core.model.internal.Redaction}), and
 * every other package of core may depend on the domain.
 */
@NullMarked
package dev.apimart.core.model.internal;

import org.jspecify.annotations.NullMarked;
