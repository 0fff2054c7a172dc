/**
 * The ApiMart calls as HTTP exchanges: builds requests with the SDK's headers, sends them through
 * the transport under the retry engine, and decodes answers with the wire codec.
 */
@NullMarked
package dev.apimart.core.internal.http;

import org.jspecify.annotations.NullMarked;
