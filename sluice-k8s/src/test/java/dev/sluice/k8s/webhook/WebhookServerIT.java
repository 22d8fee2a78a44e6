package dev.sluice.k8s.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admission.v1.AdmissionReview;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The webhook over real HTTPS, with a certificate made for the test as a TLS Secret would hold it. */
class WebhookServerIT {
  @TempDir
  Path dir;

  private X509Certificate certificate(Path certFile, Path keyFile) throws Exception {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    var keys = generator.generateKeyPair();
    var name = new X500Name("CN=sluice-webhook.sluice-system.svc");
    var now = Instant.now();
    var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.HOURS)),
        Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
        .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
    var cert = new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
    var mime = Base64.getMimeEncoder(64, "\n".getBytes());
    Files.writeString(certFile, "-----BEGIN CERTIFICATE-----\n" + mime.encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n");
    Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" + mime.encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
    return cert;
  }

  private static HttpClient trusting(X509Certificate cert) throws Exception {
    var store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("webhook", cert);
    var trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    var tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(tls).build();
  }

  @Test
  void anAdmissionReviewOverHttpsGetsThePatchAndGarbageGets400() throws Exception {
    var cert = certificate(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    var tls = PemTls.context(dir.resolve("tls.crt"), dir.resolve("tls.key"));
    try (var server = new WebhookServer(tls, "127.0.0.1", 0, new PodAdmission("sluice", PodAdmissionTest.SCHEDULER)); var http = trusting(cert)) {
      var review = new AdmissionReview();
      review.setApiVersion("admission.k8s.io/v1");
      review.setKind("AdmissionReview");
      review.setRequest(PodAdmissionTest.request(PodAdmissionTest.pod("sluice", Map.of("sluice.dev/gpu-fraction", "0.5"))));
      var url = URI.create("https://localhost:" + server.port() + "/mutate");
      var response = http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString(Serialization.asJson(review))).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      var answer = Serialization.unmarshal(response.body(), AdmissionReview.class);
      assertThat(answer.getResponse().getUid()).isEqualTo(review.getRequest().getUid());
      assertThat(PodAdmissionTest.patch(answer.getResponse().getPatch())).hasSize(3);

      var garbage = http.send(HttpRequest.newBuilder(url).POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(garbage.statusCode()).isEqualTo(400);
      assertThat(garbage.body()).isEqualTo("the body is not an admission.k8s.io/v1 AdmissionReview with a request");
    }
  }
}
