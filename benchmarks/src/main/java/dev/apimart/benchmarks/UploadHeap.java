package dev.apimart.benchmarks;

import dev.apimart.core.client.ApiMartClient;
import dev.apimart.core.model.UploadedImage;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Measures the client's heap while it uploads a 19.9 MB image (issue 15): run it with a capped heap
 * against a fake in <em>another</em> process (so the fake's own copy of the body is not counted),
 * once per transport; it prints the peak heap the upload used. The upload body is streamed from the
 * file ({@code upload(Path)}), or with {@code stream} as fifth argument from an {@code InputStream}
 * of it ({@code upload(InputStream, String)}, which spools a large stream to a temporary file
 * first). The JDK transport sends it a buffer at a time; Feign reads it into one array of its exact
 * size, since a Feign {@code Request} carries its body as a {@code byte[]}.
 *
 * <pre>{@code
 * java -jar cli/target/apimart-cli.jar fake --port 18915 --key sk-upload-heap &
 * java -Xmx8m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
 *     dev.apimart.benchmarks.UploadHeap http://127.0.0.1:18915 sk-upload-heap jdk /tmp/big.png
 * }</pre>
 *
 * The file is written (19.9 MiB of random bytes behind a PNG signature) when it does not exist.
 * With a heap too small the upload fails with an {@link OutOfMemoryError}, which is the other half
 * of the figure: the smallest {@code -Xmx} that completes.
 */
public final class UploadHeap {

  private UploadHeap() {}

  /**
   * Uploads the file and prints the peak heap.
   *
   * @param args base URL, API key, transport ({@code jdk} or {@code feign}), file, and optionally
   *     {@code stream} to upload it as an {@code InputStream}
   */
  public static void main(String[] args) throws Exception {
    boolean asStream = args.length == 5 && args[4].equals("stream");
    if (args.length != 4 && !asStream) {
      System.err.println("usage: UploadHeap BASE_URL API_KEY jdk|feign FILE [stream]");
      System.exit(2);
    }
    Path file = Path.of(args[3]);
    if (!Files.exists(file)) {
      byte[] content = new byte[(int) (19.9 * 1024 * 1024)];
      new Random(1).nextBytes(content);
      byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a};
      System.arraycopy(png, 0, content, 0, png.length);
      Files.write(file, content);
    }
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    try (ApiMartClient client =
        ApiMartClient.builder().baseUrl(args[0]).apiKey(args[1]).transportName(args[2]).build()) {
      UploadedImage image;
      if (asStream) {
        try (InputStream in = Files.newInputStream(file)) {
          image = client.upload(in, file.getFileName().toString());
        }
      } else {
        image = client.upload(file);
      }
      long peak = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          peak += pool.getPeakUsage().getUsed();
        }
      }
      System.out.printf(
          "%s%s: uploaded %d bytes; peak heap used %.1f MiB of a %.0f MiB maximum%n",
          args[2],
          asStream ? " (stream)" : "",
          image.bytes(),
          peak / 1048576.0,
          Runtime.getRuntime().maxMemory() / 1048576.0);
    }
  }
}
