package dev.foryou.examples.cli;

import dev.foryou.examples.service.DemoBackend;
import dev.foryou.examples.service.FeedService;
import dev.foryou.examples.sim.DemoEngine;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code foryou serve}: the embedded HTTP JSON service over a demo world, until interrupted.
 *
 * <p>Not thread-safe; one instance runs once.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serves the engine over HTTP JSON on a synthetic demo world: POST /events,"
          + " GET /feed?user=&count=, GET /reports/{advertiser} (header X-Advertiser).",
      "Stops gracefully on Ctrl-C."
    })
public final class ServeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      description = "port (0 picks a free one; default: ${DEFAULT-VALUE})",
      defaultValue = "8080")
  int port;

  @Option(
      names = "--bind",
      description = "address to bind (default: ${DEFAULT-VALUE})",
      defaultValue = "127.0.0.1")
  String bind;

  @Option(
      names = "--users",
      description = "demo users (default: ${DEFAULT-VALUE})",
      defaultValue = "1000")
  int users;

  @Option(
      names = "--videos",
      description = "demo videos (default: ${DEFAULT-VALUE})",
      defaultValue = "5000")
  int videos;

  @Option(
      names = "--seed",
      description = "demo world seed (default: ${DEFAULT-VALUE})",
      defaultValue = "42")
  long seed;

  @Option(
      names = "--threads",
      description = "worker threads (default: ${DEFAULT-VALUE})",
      defaultValue = "4")
  int threads;

  /** Creates the command; picocli fills its fields. */
  public ServeCommand() {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (port < 0 || port > 65_535) {
      spec.commandLine().getErr().println("serve: port must be in [0, 65535]: " + port);
      return 2;
    }
    SimulateCommand.quietLibraries();
    DemoEngine engine;
    try {
      engine = DemoEngine.create(seed, users, videos);
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("serve: " + e.getMessage());
      return 2;
    }
    FeedService service =
        FeedService.start(
            new InetSocketAddress(InetAddress.getByName(bind), port),
            new DemoBackend(engine),
            threads);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  service.close();
                  stopped.countDown();
                },
                "foryou-serve-stop"));
    List<String> advertisers = engine.advertisers();
    out.printf(
        "foryou: serving on http://%s:%d/ (%s)%n"
            + "  try: curl 'http://%s:%d/feed?user=u1&count=5'%n"
            + "       curl -H 'X-Advertiser: %s' http://%s:%d/reports/%s%n"
            + "Ctrl-C stops.%n",
        bind,
        service.port(),
        engine.describe(),
        bind,
        service.port(),
        advertisers.isEmpty() ? "adv0" : advertisers.get(0),
        bind,
        service.port(),
        advertisers.isEmpty() ? "adv0" : advertisers.get(0));
    out.flush();
    stopped.await();
    return 0;
  }
}
