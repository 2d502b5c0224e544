package dev.ladder.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ladder.report.DecisionJson;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What the HTTP server itself answers before a request reaches the service (a malformed
 * request line, a URI or headers too long, an unreadable Content-Length): an RFC 9457 problem
 * document too, not the server's HTML page.
 */
final class ProblemErrors extends ErrorHandler {
    static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, PROBLEM_JSON);
        return ByteBuffer.wrap(body(status, reason, null));
    }

    @Override
    protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request, HttpServletResponse response,
                                              int code, String message) throws IOException {
        baseRequest.setHandled(true);
        response.setContentType(PROBLEM_JSON);
        response.getOutputStream().write(body(code, message, request.getRequestURI()));
    }

    static byte[] body(int status, String reason, String instance) {
        ObjectNode body = DecisionJson.mapper().createObjectNode();
        body.put("type", "about:blank");
        String title = HttpStatus.getMessage(status);
        body.put("title", title == null ? "Request refused" : title);
        body.put("status", status);
        body.put("detail", reason == null || reason.isBlank() ? "the request could not be read as HTTP"
                : dev.ladder.support.Printable.line(reason.length() > 200 ? reason.substring(0, 200) + "..." : reason));
        if (instance != null) {
            body.put("instance", dev.ladder.support.Printable.line(instance.length() > 200 ? instance.substring(0, 200) + "..." : instance));
        }
        try {
            return DecisionJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
