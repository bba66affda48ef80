/**
 * The supervisor: the pure state machine of one environment, {@code (SupervisorState, Event, now) -> Transition}.
 * The daemon's single event-loop thread feeds it every outcome of the world and carries out the {@link
 * dev.envy.core.lifecycle.Effect}s it returns; every decision a race could touch is made here.
 *
 * <h2>How one step works</h2>
 * The event is applied ({@code Requests}, {@code ProcessEvents}, {@code Timers}, {@code Activations},
 * {@code ReloadPlanner}); then the {@code Reconciler} moves every service as far as it can go (spawn a waiting
 * service whose dependencies meet their condition, block one whose dependency cannot, signal a stopping one whose
 * stopping dependents have exited); then {@code Waits} answers the requests whose wait is over; state.json is
 * rewritten when the live processes or activations changed; and a finished teardown ends with the deactivate hook
 * and {@code ExitDaemon}.
 *
 * <h2>Decisions (refinements of docs/behaviour.md)</h2>
 * <ul>
 *   <li>Dependency conditions: {@code started} = spawned and not exited; {@code ready} = readiness passed (or running
 *       without a check); {@code completed} = exited 0. A dependency that completed meets every condition.</li>
 *   <li>A waiting service is {@code blocked} as soon as one dependency can no longer meet its condition (failed,
 *       blocked, stopped, not started); a dependency in {@code backoff} or restarting is waited for.</li>
 *   <li>{@code start} with no names skips services that already completed; naming one runs it again.</li>
 *   <li>Stop order: a targeted service is signalled once none of its (transitive) dependents that are stopping too
 *       has a process. Dependents that are not targeted keep running (SP-1 warning names the direct ones).</li>
 *   <li>Restart policy: delay {@code restart-delay × 2^n} for the n-th restart in a row, capped at 30 s; after
 *       {@code max-restarts} restarts in a row the service is {@code failed} ("gave up after 5 restarts"). A run
 *       that lasted at least 10 s resets the count. A manual start/restart resets it too. A readiness timeout is
 *       {@code failed} for good (no automatic restart).</li>
 *   <li>An exit code 128+N while envy had sent nothing is reported as signal N ({@code killed by SIGSEGV}).</li>
 *   <li>Start/restart need an activation or the hold (AC-7), else exit 2. The daemon exits when the last
 *       activation ends and there is no hold, on {@code down}, on TERM/INT, or 10 s after it started if nothing
 *       attached. Teardown happens once; requests arriving during it are answered {@code shutting-down}; starts
 *       still waiting are answered exit 1; {@code ExitDaemon} comes only after every accepted request is answered.</li>
 *   <li>Reload: the services are "up" when the hold is taken or any service is waiting, starting, running or in
 *       backoff; added autostart services start only then. A change of {@code depends-on} alone restarts nothing.</li>
 *   <li>Order: services are taken by start level, then name ({@code ServiceGraph}, the order {@code envy check}
 *       shows); stopping goes the other way.</li>
 *   <li>Crash recovery (CS-8, {@code RecoveryPlanner}): what a killed predecessor left running enters
 *       {@link dev.envy.core.lifecycle.Supervisor#start} as {@code stopping} services and is stopped like any other
 *       (dependents first, stop signal or shutdown command, SIGKILL after the stop-timeout); a service of the
 *       manifest is {@code stopped} afterwards, another is forgotten; the next result names each one stopped. A start
 *       asked for meanwhile waits for the old process to go.</li>
 * </ul>
 */
package dev.envy.core.lifecycle;
