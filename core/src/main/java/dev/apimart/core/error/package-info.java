/**
 * The one hierarchy of unchecked exceptions the SDK throws, rooted at {@link
 * dev.apimart.core.error.ApiMartException}. Each says what went wrong in words a person can act on
 * and keeps what the service answered in {@link dev.apimart.core.error.ErrorDetails} (HTTP status,
 * request id, the kept response headers, its message, type and code, and the raw body, truncated).
 * None ever carries the API key. Every exception is serialisable with its fields.
 *
 * <p>The root has two branches, so a caller can tell "the service said no" from "it never got that
 * far":
 *
 * <ul>
 *   <li>{@link dev.apimart.core.error.ApiMartServiceException} — the service answered:
 *       <ul>
 *         <li>{@code AuthenticationException} (401), {@code PermissionDeniedException} (403),
 *             {@code InsufficientBalanceException} (402), {@code NotFoundException} (404, or 400
 *             "invalid task ID"), {@code RequestRejectedException} (400/422: the service refused
 *             the request as invalid), {@code PayloadTooLargeException} (413), {@code
 *             RateLimitedException} (429), {@code ServerException} (5xx), {@code
 *             UnexpectedResponseException} (an answer the SDK cannot read or a status with no known
 *             meaning);
 *         <li>{@code IdempotencyConflictException} (409 {@code idempotency_*}), {@code
 *             IdempotencyUnavailableException} (503 {@code idempotency_unavailable}), {@code
 *             UsageUnavailableException} (503 {@code usage_unavailable});
 *         <li>{@code TaskFailedException} and {@code TaskCancelledException}: the service reported
 *             the task ended so (the details hold the task's error, not an HTTP failure).
 *       </ul>
 *   <li>{@link dev.apimart.core.error.ApiMartClientException} — the client side:
 *       <ul>
 *         <li>{@code InvalidRequestException}: the SDK's own checks refused the request before
 *             anything was sent (every {@code Violation} at once);
 *         <li>{@code ConfigurationException}: the client cannot be built or used as configured;
 *         <li>{@code ClientClosedException}: the client was closed while (or before) the call ran;
 *         <li>{@code TransportException}: the exchange failed without a complete answer;
 *         <li>{@code WaitTimeoutException}: waiting for a task passed its deadline (the task may
 *             still finish);
 *         <li>{@code DownloadException}: downloading an image failed (its details may hold the
 *             image host's status — not ApiMart's API);
 *         <li>{@code SubmissionOutcomeUnknownException}: the client cannot know whether a
 *             submission created a task; the answer that made it so, if any, is its cause and its
 *             details. It is the client's conclusion, not the service's answer, so it sits here
 *             even when a 5xx led to it.
 *       </ul>
 * </ul>
 *
 * <p>Before this split, {@code InvalidRequestException} stood for both a local refusal and a 400
 * answer; the 400 is now {@code RequestRejectedException}. Code that handled both alike catches
 * both.
 */
@NullMarked
package dev.apimart.core.error;

import org.jspecify.annotations.NullMarked;
