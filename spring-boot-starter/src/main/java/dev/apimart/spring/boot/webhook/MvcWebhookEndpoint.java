package dev.apimart.spring.boot.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The webhook endpoint on Spring MVC: a functional route (no controller to scan, nothing for the
 * application's own {@code @RequestMapping}s to collide with by accident).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(RouterFunction.class)
class MvcWebhookEndpoint {

  @Bean
  RouterFunction<ServerResponse> apiMartWebhookRoute(
      ApiMartWebhooks webhooks, WebhookReceiver receiver) {
    return RouterFunctions.route()
        .POST(webhooks.route(), request -> handle(receiver, request))
        .build();
  }

  static ServerResponse handle(WebhookReceiver receiver, ServerRequest request) throws IOException {
    // The secret first: a caller without it learns nothing, and its body is never read.
    if (!receiver.secretMatches(request.pathVariable("secret"))) {
      return ServerResponse.status(WebhookReceiver.Answer.NOT_FOUND.status).build();
    }
    HttpServletRequest servlet = request.servletRequest();
    if (servlet.getContentLengthLong() > WebhookReceiver.MAX_BODY_BYTES) {
      return ServerResponse.status(WebhookReceiver.Answer.TOO_LARGE.status).build();
    }
    byte[] body = read(servlet.getInputStream(), WebhookReceiver.MAX_BODY_BYTES);
    if (body == null) {
      return ServerResponse.status(WebhookReceiver.Answer.TOO_LARGE.status).build();
    }
    return ServerResponse.status(receiver.receive(body).status).build();
  }

  /** The body, or {@code null} when it is longer than {@code limit} (then not read further). */
  private static byte @Nullable [] read(InputStream in, int limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] chunk = new byte[8192];
    int n;
    while ((n = in.read(chunk)) != -1) {
      if (out.size() + n > limit) {
        return null;
      }
      out.write(chunk, 0, n);
    }
    return out.toByteArray();
  }
}
