/**
 * How {@link dev.apimart.testkit.FakeApiMart} works inside: routing and answering HTTP exchanges on
 * the JDK's {@code com.sun.net.httpserver}, its own request validation (independent of the
 * client's, so it can catch the client's mistakes), task lifecycle and billing, the fake clock, PNG
 * generation and the journal's storage. Not API: may change in any release.
 *
 * <p>What only this package uses is package-private. The classes {@code FakeApiMart}, {@code
 * Journal} and {@code RecordedRequest} wire are public for that reason alone; {@code
 * TestkitArchitectureTest} fails the build if a public or protected signature of the testkit's API
 * mentions a type of this package, or if anything but {@code dev.apimart.testkit} itself uses it.
 */
@NullMarked
package dev.apimart.testkit.internal;

import org.jspecify.annotations.NullMarked;
