package dev.sluice.cli.k8s;

import dev.sluice.cli.UserInputException;
import dev.sluice.k8s.webhook.PodAdmission;
import dev.sluice.k8s.webhook.PemTls;
import dev.sluice.k8s.webhook.WebhookServer;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "webhook", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"The admission webhook for Sluice's pods: wires the environment Sluice writes for pods that share a GPU",
        "(the GPU's device, the fraction, MPS limits) into their containers, and refuses pods that name their node or set",
        "what only Sluice sets. HTTPS; runs until stopped."})
public final class K8sWebhookCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--tls-cert", defaultValue = "/etc/sluice/tls/tls.crt", description = "PEM certificate chain (default: ${DEFAULT-VALUE}).")
  Path certificate;

  @Option(names = "--tls-key", defaultValue = "/etc/sluice/tls/tls.key", description = "PEM private key, PKCS #8 (default: ${DEFAULT-VALUE}).")
  Path key;

  @Option(names = "--port", defaultValue = "9443", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--address", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--scheduler-name", defaultValue = "sluice", description = "Only pods with this schedulerName are changed (default: ${DEFAULT-VALUE}).")
  String schedulerName;

  @Option(names = "--scheduler-user", defaultValue = "system:serviceaccount:sluice-system:sluice-scheduler",
      description = "The API user of Sluice's scheduler, the only one that may set Sluice's annotations (default: ${DEFAULT-VALUE}).")
  String schedulerUser;

  @Override
  public Integer call() throws UserInputException, IOException, InterruptedException {
    if (port < 0 || port > 65_535) throw new UserInputException("--port must be in 0..65535, was " + port);
    javax.net.ssl.SSLContext tls;
    try {
      tls = PemTls.context(certificate, key);
    } catch (GeneralSecurityException | IOException e) {
      throw new UserInputException("--tls-cert/--tls-key: " + e.getMessage());
    }
    try (var server = new WebhookServer(tls, address, port, new PodAdmission(schedulerName, schedulerUser))) {
      spec.commandLine().getOut().println("sluice: webhook at https://" + address + ":" + server.port() + "/mutate");
      spec.commandLine().getOut().flush();
      var stopped = new CountDownLatch(1);
      Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(stopped::countDown));
      stopped.await();
    }
    return 0;
  }
}
