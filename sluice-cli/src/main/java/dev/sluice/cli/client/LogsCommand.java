package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print a job's output (stdout, or stderr with --stderr); -f follows it until the job ends.")
public final class LogsCommand extends ApiCommand {
  private static final Duration POLL = Duration.ofMillis(500);

  @Parameters(paramLabel = "ID", description = "The job's id.")
  String id;

  @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the job has finished.")
  boolean follow;

  @Option(names = "--stderr", description = "The standard error instead of the standard output.")
  boolean stderr;

  @Override
  void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
    var stream = stderr ? "stderr" : "stdout";
    var text = new Utf8Text();
    long offset = 0;
    while (true) {
      boolean finishedBefore = !follow || finished(client);
      var chunk = client.logs(id, stream, offset);
      out.print(text.decode(chunk.bytes()));
      out.flush();
      offset = chunk.nextOffset();
      // A job that had finished before this read has written all it will write.
      if (finishedBefore && chunk.bytes().length == 0 || !follow) return;
      if (chunk.bytes().length == 0) Thread.sleep(POLL);
    }
  }

  private boolean finished(SluiceClient client) throws ApiException, InterruptedException {
    return SluiceClient.as(client.get("/api/v1/jobs/" + SluiceClient.encode(id)), Job.class).finished();
  }

  /** Decodes UTF-8 that arrives in pieces, keeping a character split between two pieces for the next. */
  static final class Utf8Text {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    String decode(byte[] bytes) {
      var input = ByteBuffer.allocate(pending.remaining() + bytes.length).put(pending).put(bytes).flip();
      var chars = CharBuffer.allocate(input.remaining() + 1);
      decoder.decode(input, chars, false);
      pending = input.slice();
      return chars.flip().toString();
    }
  }
}
