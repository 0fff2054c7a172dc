/**
 * The transport contract suite: {@link dev.apimart.testkit.contract.HttpTransportContract} is the
 * abstract JUnit test every {@link dev.apimart.core.port.HttpTransport} — ours or a third party's —
 * extends to prove it moves bytes and reports failures the way core relies on.
 */
@NullMarked
package dev.apimart.testkit.contract;

import org.jspecify.annotations.NullMarked;
