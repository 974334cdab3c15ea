/**
 * What a function is configured with (its environment, as template.yaml sets it), read once and
 * checked at init: {@link kvspoolguard.config.GuardConfig}, which fails with every wrong setting
 * named rather than start half-configured.
 */
package kvspoolguard.config;
