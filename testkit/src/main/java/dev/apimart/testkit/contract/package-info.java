/**
 * The transport contract suite: {@link dev.apimart.testkit.contract.HttpTransportContract} is the
 * abstract JUnit test every {@link dev.apimart.core.port.HttpTransport} — ours or a third party's —
 * extends to prove it moves bytes and reports failures the way core relies on. {@link
 * dev.apimart.testkit.contract.RawHttpServer} produces the faults a well-behaved server cannot (a
 * reset, a stalled or short body), for the contract and for a transport's own tests.
 */
@NullMarked
package dev.apimart.testkit.contract;

import org.jspecify.annotations.NullMarked;
