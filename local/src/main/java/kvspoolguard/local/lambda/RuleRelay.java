package kvspoolguard.local.lambda;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * One EventBridge rule of the template, delivered as EventBridge delivers it: the rule is made on
 * its bus in the local EventBridge (moto matches the events against its pattern), with a queue as
 * its target; events reaching the queue invoke the function one at a time. An invocation that
 * fails leaves its event in the queue, to be delivered again once the queue's visibility timeout
 * has passed, as EventBridge retries a failed delivery.
 */
final class RuleRelay implements AutoCloseable {

    private final SqsClient sqs;
    private final String queueUrl;
    private final LocalFunction function;
    private final Consumer<String> say;
    private final Thread poller;
    private volatile boolean open = true;

    private RuleRelay(SqsClient sqs, String queueUrl, LocalFunction function, Consumer<String> say) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
        this.say = say;
        this.poller = Thread.ofVirtual().name("relay-" + function.name()).start(this::poll);
    }

    /** Makes {@code rule} on its bus, targeting a new queue, and starts delivering from it to {@code function}. */
    static RuleRelay start(LocalSpec.Rule rule, LocalFunction function, EventBridgeClient events, SqsClient sqs,
                           Consumer<String> say) {
        String name = "stack-" + rule.function() + "-" + rule.event();
        String queueUrl = sqs.createQueue(r -> r.queueName(name)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"))).queueUrl();
        String queueArn = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        events.putRule(r -> r.name(name).eventBusName(rule.bus()).eventPattern(rule.pattern().toString()));
        events.putTargets(r -> r.rule(name).eventBusName(rule.bus()).targets(t -> t.id("function").arn(queueArn)));
        return new RuleRelay(sqs, queueUrl, function, say);
    }

    private void poll() {
        while (open) {
            List<Message> batch;
            try {
                batch = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1))
                        .messages();
            } catch (RuntimeException e) {
                if (open) {
                    say.accept("relay to " + function.name() + ": " + e.getMessage());
                    pause();
                }
                continue;
            }
            for (Message message : batch) {
                deliver(message);
            }
        }
    }

    private void deliver(Message message) {
        LocalFunction.Invocation run = function.invoke(message.body().getBytes(StandardCharsets.UTF_8));
        if (run.failed()) {
            say.accept("rule delivery to " + function.name() + " failed (" + run.errorType()
                    + "); it is delivered again");
            return;
        }
        sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
    }

    private static void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        open = false;
        poller.interrupt();
    }
}
