package dev.apimart.reliability.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback ports for faults that happen before any server sees a request. */
public final class Ports {

  private Ports() {}

  /**
   * A loopback port nobody listens on: it was bound and released, so a connection is refused at
   * once.
   */
  public static int closed() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
