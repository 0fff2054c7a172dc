/**
 * Implementation details of the Feign transport (failure classification, asynchronous exchanges,
 * length checks); not API, may change in any release.
 */
@NullMarked
package dev.apimart.transport.feign.internal;

import org.jspecify.annotations.NullMarked;
