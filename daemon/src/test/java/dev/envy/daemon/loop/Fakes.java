package dev.envy.daemon.loop;

import dev.envy.core.lifecycle.Effect;
import dev.envy.core.lifecycle.Event;
import dev.envy.core.manifest.Signal;
import dev.envy.core.protocol.Response;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Recording fakes of the loop's edges. */
final class Fakes {
    private Fakes() {
    }

    static final class Processes implements ProcessPort {
        final List<String> actions = new ArrayList<>();
        final Map<String, CompletableFuture<Exit>> exits = new HashMap<>();
        final Map<String, Consumer<String>> lines = new HashMap<>();
        final List<String> failing = new ArrayList<>();
        final Map<String, Map<String, String>> environments = new HashMap<>();
        long nextPid = 100;

        @Override
        public Started spawn(Effect.Spawn spawn, Consumer<String> lines) throws IOException {
            String service = spawn.service();
            if (failing.contains(service)) {
                throw new IOException("no such directory: " + spawn.workingDir());
            }
            long pid = nextPid++;
            environments.put(service, spawn.environment());
            actions.add("spawn " + service + " " + pid);
            CompletableFuture<Exit> exit = new CompletableFuture<>();
            exits.put(service, exit);
            this.lines.put(service, lines);
            return new Started(pid, 5000 + pid, exit);
        }

        @Override
        public void signal(long pgid, Signal signal) {
            actions.add("signal " + pgid + " " + signal.name());
        }

        @Override
        public void signalAll(List<SignalTarget> targets) {
            actions.add("signal all " + targets.stream().map(t -> t.pgid() + " " + t.signal().name()).toList());
        }

        final Map<Long, CompletableFuture<Void>> adopted = new HashMap<>();

        @Override
        public CompletableFuture<Void> adopt(long pgid) {
            actions.add("adopt " + pgid);
            CompletableFuture<Void> gone = new CompletableFuture<>();
            adopted.put(pgid, gone);
            return gone;
        }

        @Override
        public void killTree(long pgid) {
            actions.add("kill " + pgid);
        }

        @Override
        public void runShutdownCommand(Effect.RunShutdownCommand c) {
            actions.add("shutdown " + c.service() + " " + c.command());
        }
    }

    static final class Notify implements NotifyPort {
        final Map<String, Socket> sockets = new HashMap<>();

        @Override
        public NotifyPort.Socket open(String service) {
            Socket s = new Socket("/run/notify/" + service);
            sockets.put(service, s);
            return s;
        }

        static final class Socket implements NotifyPort.Socket {
            final String address;
            Consumer<String> datagrams;
            boolean closed;

            Socket(String address) {
                this.address = address;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public void listen(Consumer<String> datagrams) {
                this.datagrams = datagrams;
            }

            @Override
            public void close() {
                closed = true;
            }
        }
    }

    static final class Probes implements ProbePort {
        final Map<String, Runnable> passed = new HashMap<>();
        final Map<String, List<String>> lines = new HashMap<>();
        final List<String> closed = new ArrayList<>();
        final List<Effect.CheckLiveness> checked = new ArrayList<>();

        @Override
        public void checkOnce(Effect.CheckLiveness check, java.util.function.Consumer<Boolean> result) {
            checked.add(check);
            result.accept(true);
        }

        @Override
        public Probe start(Effect.StartProbe probe, Runnable passed) {
            String service = probe.service();
            this.passed.put(service, passed);
            List<String> seen = lines.computeIfAbsent(service, k -> new ArrayList<>());
            return new Probe() {
                @Override
                public void line(String line) {
                    seen.add(line);
                }

                @Override
                public void close() {
                    closed.add(service);
                }
            };
        }
    }

    static final class Activations implements ActivationPort {
        final Map<Long, Runnable> watched = new HashMap<>();

        @Override
        public void watch(long pid, long startTime, Runnable exited) {
            watched.put(pid, exited);
        }
    }

    static final class Manifests implements ManifestPort {
        Event answer;
        boolean stale;

        @Override
        public Event load(long requestId, boolean applying) {
            return answer;
        }

        @Override
        public boolean isStale() {
            return stale;
        }
    }

    static final class Host implements HostPort {
        final List<String> actions = new ArrayList<>();
        final Map<String, List<String>> logs = new HashMap<>();

        @Override
        public void persist(Effect.PersistState state) {
            actions.add("persist " + state.processes().size() + " " + state.activations().size());
        }

        @Override
        public void runDeactivateHook(String script, Map<String, String> environment) {
            actions.add("deactivate-hook " + script);
        }

        /** A mark is how many lines the service's log held: the lines after it are that run's. */
        @Override
        public long logMark(String service) {
            return logs.getOrDefault(service, List.of()).size();
        }

        @Override
        public List<String> lastLogLines(String service, int count, long mark) {
            List<String> all = logs.getOrDefault(service, List.of());
            List<String> run = all.subList((int) Math.min(mark, all.size()), all.size());
            return run.subList(Math.max(0, run.size() - count), run.size());
        }

        @Override
        public void exit() {
            actions.add("exit");
        }
    }

    static final class Channel implements ClientChannel {
        final List<Response> streamed = new ArrayList<>();
        final List<Response> replies = new ArrayList<>();

        @Override
        public void stream(Response response) {
            streamed.add(response);
        }

        @Override
        public void reply(Response response) {
            replies.add(response);
        }
    }

    static final class Log implements LogSink {
        final List<String> lines = new ArrayList<>();

        @Override
        public void info(String message) {
            lines.add("INFO " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("WARN " + message);
        }

        @Override
        public void error(String message, Throwable cause) {
            lines.add("ERROR " + message + ": " + cause);
        }
    }
}
