/**
 * How {@link dev.apimart.testkit.FakeApiMart} works inside: routing and answering HTTP exchanges on
 * the JDK's {@code com.sun.net.httpserver}, its own request validation (independent of the
 * client's, so it can catch the client's mistakes), task lifecycle and billing, the fake clock, PNG
 * generation and the journal's storage. Not API: may change in any release.
 */
@NullMarked
package dev.apimart.testkit.internal;

import org.jspecify.annotations.NullMarked;
