package kvspoolguard.core.run;

import java.util.Map;
import java.util.concurrent.ThreadFactory;
import org.slf4j.MDC;

/**
 * The virtual threads a run's work goes on. Each carries the log fields of the thread that started
 * it (SLF4J's MDC: the invocation's request id, correlation id, run id), which threads do not
 * inherit, so that a line logged there, a library's warning included, is traced to its invocation.
 * The core logs nothing itself: this is its one use of SLF4J.
 */
final class Threads {

    private Threads() {
    }

    /** Creates each thread on the thread that hands it its task (as a thread-per-task executor does). */
    static ThreadFactory virtual(String name) {
        ThreadFactory threads = Thread.ofVirtual().name(name).factory();
        return task -> {
            Map<String, String> fields = MDC.getCopyOfContextMap();
            return threads.newThread(() -> {
                if (fields != null) {
                    MDC.setContextMap(fields);
                }
                task.run();
            });
        };
    }
}
