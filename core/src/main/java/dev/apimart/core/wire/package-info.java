/**
 * The wire codec: turns a {@link dev.apimart.core.model.GenerationRequest} into ApiMart's JSON and
 * ApiMart's answers (task, submission, balance, error envelopes) into domain objects and typed
 * exceptions. It is the only code in the SDK that touches Jackson, and no Jackson type appears in
 * its public signatures, so the JSON library can change without touching callers.
 */
@NullMarked
package dev.apimart.core.wire;

import org.jspecify.annotations.NullMarked;
