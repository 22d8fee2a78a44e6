package dev.sluice.cli.client;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sluice token create|list|revoke}: API tokens of a user (by default the caller). */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "API tokens: create one (admin), list them, revoke one (refused from the next request on).",
    subcommands = {TokenCommand.Create.class, TokenCommand.ListTokens.class, TokenCommand.Revoke.class})
public final class TokenCommand {
  /** The user named by {@code --user}, else the caller. */
  static String user(SluiceClient client, String user) throws ApiException, InterruptedException {
    return user != null ? user : client.get("/api/v1/whoami").path("name").asText();
  }

  static String tokensPath(String user) {
    return "/api/v1/users/" + SluiceClient.encode(user) + "/tokens";
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a token (admin) and print it; it is shown only this once.")
  static final class Create extends ApiCommand {
    @Option(names = "--user", paramLabel = "NAME", description = "Whose token (default: yours).")
    String user;

    @Option(names = "--description", paramLabel = "TEXT", description = "What it is for, e.g. 'laptop' or 'ci'.")
    String description;

    @Option(names = "--expires-in", paramLabel = "LIFETIME", converter = Quantities.Lifetime.class,
        description = "Refuse it after this long: 3600s, 90m, 12h, 30d, 2w (default: never).")
    Long expiresInSeconds;

    @Override
    void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
      var body = new LinkedHashMap<String, Object>();
      if (description != null) body.put("description", description);
      if (expiresInSeconds != null) body.put("expiresInSeconds", expiresInSeconds);
      var token = SluiceClient.as(client.post(tokensPath(user(client, user)), body), ApiToken.class);
      var expiry = token.expiresAt() == null ? "never expires" : "expires " + token.expiresAt();
      out.println("token " + token.id() + " of " + Terminal.safe(token.user()) + " (" + expiry + "); shown only now:");
      out.println(token.token());
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "List a user's tokens, revoked and expired ones included (never their secrets).")
  static final class ListTokens extends ApiCommand {
    @Option(names = "--user", paramLabel = "NAME", description = "Whose tokens (default: yours; others' need admin).")
    String user;

    @Option(names = "--json", description = "Print the tokens as JSON, as the API returns them.")
    boolean json;

    @Override
    void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
      var node = client.get(tokensPath(user(client, user)));
      if (json) {
        out.println(SluiceClient.pretty(node));
        return;
      }
      var table = new Table("ID", "STATE", "CREATED", "EXPIRES", "REVOKED", "DESCRIPTION");
      for (var token : SluiceClient.asList(node, ApiToken.class)) {
        table.row(token.id(), token.state(), token.createdAt(), token.expiresAt(), token.revokedAt(),
            token.description().isEmpty() ? token.origin() : token.description());
      }
      table.print(out);
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a token: it is refused from the next request on. Yours, or anyone's as admin.")
  static final class Revoke extends ApiCommand {
    @Parameters(paramLabel = "ID", description = "The token's id, as 'sluice token list' shows it.")
    String id;

    @Option(names = "--user", paramLabel = "NAME", description = "Whose token (default: yours).")
    String user;

    @Override
    void run(SluiceClient client, PrintWriter out) throws ApiException, InterruptedException {
      var path = tokensPath(user(client, user)) + "/" + SluiceClient.encode(id);
      var token = SluiceClient.as(client.delete(path), ApiToken.class);
      out.println("revoked token " + token.id() + " of " + Terminal.safe(token.user()) + " at " + token.revokedAt());
    }
  }
}
