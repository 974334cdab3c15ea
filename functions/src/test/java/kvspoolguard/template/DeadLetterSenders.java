package kvspoolguard.template;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules of a template that name an SQS queue as their {@code DeadLetterConfig}, and whether
 * that queue's policy lets EventBridge deliver to it for them: a rule it does not admit drops what
 * it cannot deliver. A SAM function's event becomes the rule {@code <function><event>}, as SAM names it.
 * (Intrinsic tags are read as their plain values: {@code !GetAtt Q.Arn} as {@code Q.Arn}.)
 */
final class DeadLetterSenders {

    /** A rule and the queue it dead-letters to. */
    record Sender(String rule, String queue) {
    }

    private DeadLetterSenders() {
    }

    static List<Sender> of(JsonNode template) {
        List<Sender> senders = new ArrayList<>();
        template.path("Resources").properties().forEach(resource -> {
            String name = resource.getKey();
            JsonNode properties = resource.getValue().path("Properties");
            switch (resource.getValue().path("Type").asText()) {
                case "AWS::Serverless::Function" -> properties.path("Events").properties().forEach(event -> {
                    // a schedule (EventBridge Scheduler) sends its dead letters with its role, not as a rule
                    if (!event.getValue().path("Type").asText().equals("ScheduleV2")) {
                        queueOf(event.getValue().at("/Properties/DeadLetterConfig/Arn"))
                                .forEach(q -> senders.add(new Sender(name + event.getKey(), q)));
                    }
                });
                case "AWS::Events::Rule" -> properties.path("Targets").forEach(target ->
                        queueOf(target.at("/DeadLetterConfig/Arn")).forEach(q -> senders.add(new Sender(name, q))));
                default -> { }
            }
        });
        return senders;
    }

    /** The senders whose queue's policy does not let EventBridge send to it with the rule as its source. */
    static List<Sender> notAdmitted(JsonNode template) {
        return of(template).stream().filter(s -> !admitted(template, s.queue()).contains(s.rule())).toList();
    }

    /** The rules EventBridge may deliver to {@code queue} for, by the queue policies of the template. */
    static Set<String> admitted(JsonNode template, String queue) {
        Set<String> rules = new HashSet<>();
        template.path("Resources").forEach(resource -> {
            if (!resource.path("Type").asText().equals("AWS::SQS::QueuePolicy")
                    || !texts(resource.at("/Properties/Queues")).contains(queue)) {
                return;
            }
            for (JsonNode statement : resource.at("/Properties/PolicyDocument/Statement")) {
                if (statement.path("Effect").asText().equals("Allow")
                        && statement.at("/Principal/Service").asText().equals("events.amazonaws.com")
                        && texts(statement.path("Action")).contains("sqs:SendMessage")
                        && statement.path("Resource").asText().equals(queue + ".Arn")) {
                    texts(statement.at("/Condition/ArnEquals/aws:SourceArn")).stream()
                            .filter(arn -> arn.endsWith(".Arn"))
                            .forEach(arn -> rules.add(arn.substring(0, arn.length() - ".Arn".length())));
                }
            }
        });
        return rules;
    }

    private static List<String> queueOf(JsonNode arn) {
        return arn.isTextual() && arn.asText().endsWith(".Arn")
                ? List.of(arn.asText().substring(0, arn.asText().length() - ".Arn".length())) : List.of();
    }

    private static List<String> texts(JsonNode node) {
        List<String> texts = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> texts.add(n.asText()));
        } else if (!node.isMissingNode()) {
            texts.add(node.asText());
        }
        return texts;
    }
}
