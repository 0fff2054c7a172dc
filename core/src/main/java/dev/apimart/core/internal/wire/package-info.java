/**
 * The wire codec: turns a {@link dev.apimart.core.model.GenerationRequest} into ApiMart's JSON and
 * ApiMart's answers (task, submission, balance, usage, upload, error envelopes) into domain objects
 * and typed exceptions. It is the only code in the SDK that touches Jackson. Not public API: it may
 * change in any release; users see a request's JSON through {@code ApiMartClient#preview}.
 */
@NullMarked
package dev.apimart.core.internal.wire;

import org.jspecify.annotations.NullMarked;
