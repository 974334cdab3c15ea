/**
 * How a trigger's result is told: its summary (the functions' answer and the "trigger summary" log
 * line, docs/operations.md), its log lines, and the CSV the API and the command line write.
 */
package kvspoolguard.report;
