package kvspoolguard.testing;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * docs/openapi.yaml as a test oracle: answers (status, headers, body) and requests are checked
 * against it by Atlassian's swagger-request-validator. The security schemes are not checked here:
 * API Gateway enforces them before the function sees a request.
 */
public final class ApiContract {

    public static final Path SPEC = Path.of("..", "docs", "openapi.yaml");

    private static final OpenApiInteractionValidator VALIDATOR = OpenApiInteractionValidator
            .createForSpecificationUrl(SPEC.toAbsolutePath().normalize().toUri().toString())
            .withLevelResolver(LevelResolver.create()
                    .withLevel("validation.request.security", ValidationReport.Level.IGNORE)
                    .build())
            .build();

    private ApiContract() {
    }

    /** What the contract finds wrong with the answer to this request (empty: none). */
    public static List<String> responseViolations(APIGatewayV2HTTPEvent event, APIGatewayV2HTTPResponse answer) {
        SimpleResponse.Builder response = SimpleResponse.Builder.status(answer.getStatusCode())
                .withBody(answer.getBody());
        Map<String, String> headers = answer.getHeaders() == null ? Map.of() : answer.getHeaders();
        headers.forEach(response::withHeader);
        ValidationReport report = VALIDATOR.validateResponse(event.getRawPath(), method(event), response.build());
        return messages(report);
    }

    /** What the contract finds wrong with the request itself (a sample event, a test's variation). */
    public static List<String> requestViolations(APIGatewayV2HTTPEvent event) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method(event), event.getRawPath());
        if (event.getHeaders() != null) {
            event.getHeaders().forEach(request::withHeader);
        }
        if (event.getQueryStringParameters() != null) {
            event.getQueryStringParameters().forEach(request::withQueryParam);
        }
        if (event.getBody() != null) {
            request.withBody(event.getBody());
        }
        return messages(VALIDATOR.validateRequest(request.build()));
    }

    private static Request.Method method(APIGatewayV2HTTPEvent event) {
        return Request.Method.valueOf(event.getRequestContext().getHttp().getMethod());
    }

    private static List<String> messages(ValidationReport report) {
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .toList();
    }
}
