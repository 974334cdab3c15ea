package kvspoolguard.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import kvspoolguard.core.events.Caller;

/** Who is calling, as API Gateway's authoriser put it in the request context. */
final class Callers {

    private Callers() {
    }

    /**
     * The IAM principal's ARN, or the JWT's subject; a change without either is refused (401), since
     * the audit trail needs a name. API Gateway always sets one: every route has an authoriser.
     */
    static Caller of(APIGatewayV2HTTPEvent event) {
        var context = event.getRequestContext();
        var authorizer = context == null ? null : context.getAuthorizer();
        if (authorizer != null && authorizer.getIam() != null && notBlank(authorizer.getIam().getUserArn())) {
            return new Caller("iam", authorizer.getIam().getUserArn());
        }
        if (authorizer != null && authorizer.getJwt() != null && authorizer.getJwt().getClaims() != null
                && notBlank(authorizer.getJwt().getClaims().get("sub"))) {
            return new Caller("jwt", authorizer.getJwt().getClaims().get("sub"));
        }
        throw ApiException.of(401, "UNAUTHENTICATED", "the request carries no caller identity (IAM principal or "
                + "JWT subject); changes are made only for an identified caller");
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }
}
