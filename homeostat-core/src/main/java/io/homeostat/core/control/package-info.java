/**
 * The kernel's control port, where the Execute stage of the loop touches running guards: open or
 * reset a circuit, switch a {@link io.homeostat.core.control.ProviderRoute} to its next provider,
 * clear or warm a cache, set the degradation level or a feature toggle, probe a dependency,
 * restart a registered {@link io.homeostat.core.control.Restartable} component gracefully (ready
 * ones: an admin endpoint, {@link io.homeostat.core.control.HttpAdminRestart}, and a child process,
 * {@link io.homeostat.core.control.SupervisedProcess}), scale a
 * registered {@link io.homeostat.core.control.ControlledCapacity} within its bounds. The
 * engine's recovery actions call {@link io.homeostat.core.control.KernelControl}; nothing else in
 * the kernel depends on this package.
 */
package io.homeostat.core.control;
