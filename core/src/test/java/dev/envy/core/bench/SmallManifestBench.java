package dev.envy.core.bench;

/**
 * The everyday case for comparison: a typical envy.toml (three services, a check, a hook) loaded and planned in a
 * fresh JVM, as every {@code envy} command does. Arguments: {@code [warmRuns]}.
 */
public final class SmallManifestBench {
    static final String TYPICAL = """
            version = 1

            [vars]
            PGPORT = "15432"

            [hook]
            on-activate = '''
              export PGDATA="$ENVY_PROJECT/.envy/data/pg"
              mkdir -p "$PGDATA"
            '''

            [services.postgres]
            command = "postgres -D $PGDATA -p $PGPORT"
            readiness.command = "pg_isready -p $PGPORT"
            stop-signal = "INT"

            [services.migrate]
            command = "./scripts/migrate.sh"
            depends-on = ["postgres"]

            [services.web]
            command = "npm run dev"
            vars = { PORT = "3000" }
            depends-on = { postgres = "ready", migrate = "completed" }
            readiness.http = "http://127.0.0.1:3000/health"
            restart = "on-failure"

            [options]
            systems = ["x86_64-linux", "aarch64-linux", "x86_64-darwin", "aarch64-darwin"]
            """;

    private SmallManifestBench() {
    }

    public static void main(String[] args) {
        ManifestScaleBench.measure(TYPICAL, args.length > 0 ? Integer.parseInt(args[0]) : 30);
    }
}
