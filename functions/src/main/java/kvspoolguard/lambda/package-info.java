/**
 * What the three functions share as Lambda functions: the fields every log line carries and how
 * lines are written ({@code Logs}, {@code LogConfiguration}), the metrics of a run
 * ({@code RunMetrics}), the time an invocation has left, and SnapStart's priming.
 */
package kvspoolguard.lambda;
