package io.couchgate.bootstrap.admin;

import io.couchgate.application.admin.InvitationsService;
import io.couchgate.application.port.in.CreatedInvitation;
import io.couchgate.domain.Invitation;
import io.couchgate.domain.port.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code couchgate admin invites ...}: single-use signup invitations (signup mode {@code invite}). */
@Command(name = "invites", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
        description = "Create, list or revoke signup invitations (couchgate.signup.mode: invite).")
final class InvitesCommand implements Runnable {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    private final AdminTools tools;

    @Spec
    private CommandSpec spec;

    InvitesCommand(AdminTools tools) {
        this.tools = tools;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command");
    }

    @Command(name = "create", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = {"Make a single-use invitation and print its code (22 URL-safe characters, 128 random "
                + "bits; only its SHA-256 is stored, so it is shown this once)."})
    int create(@Option(names = "--expires", paramLabel = "DURATION", defaultValue = "7d",
            converter = PositiveDuration.class,
            description = "how long it is valid: 30s, 15m, 12h, 7d or ISO-8601 (P7D); default ${DEFAULT-VALUE}")
               Duration validFor) {
        return tools.audited("admin-invite-create", () -> {
            CreatedInvitation created = tools.bean(InvitationsService.class).createInvitation(validFor);
            tools.result(created.code().value());
            tools.note("invitation " + created.invitation().id() + " valid until "
                    + created.invitation().expiresAt());
            return AdminCli.OK;
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = "Print the invitations not yet used or revoked: ID created=INSTANT expires=INSTANT "
                + "[expired].")
    int list() {
        return tools.audited("admin-invites-list", () -> {
            List<Invitation> invitations = tools.bean(InvitationsService.class).listInvitations();
            Instant now = tools.bean(Clock.class).now();
            for (Invitation invitation : invitations) {
                tools.result(invitation.id() + " created=" + invitation.createdAt() + " expires="
                        + invitation.expiresAt() + (invitation.isValidAt(now) ? "" : " expired"));
            }
            return AdminCli.OK;
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, versionProvider = AdminVersion.class,
            description = "Revoke an invitation, named by its code or by the ID that list shows.")
    int revoke(@Parameters(paramLabel = "CODE|ID", description = "the code, or the ID from list") String codeOrId) {
        return tools.audited("admin-invite-revoke", () -> {
            Invitation invitation = tools.bean(InvitationsService.class).revokeInvitation(codeOrId)
                    .orElseThrow(() -> new AdminFailure(FailureKind.UNKNOWN_INVITATION, "no such invitation "
                            + "(unknown, used or revoked already)"));
            tools.result("revoked " + invitation.id());
            return AdminCli.OK;
        });
    }

    /**
     * {@code 30s}, {@code 15m}, {@code 12h}, {@code 7d} or ISO-8601; positive and at most 365 days (an invitation
     * is a short-lived secret; a longer one, or one past what {@link java.time.Instant} holds, is a usage error).
     */
    static final class PositiveDuration implements CommandLine.ITypeConverter<Duration> {

        private static final Duration LONGEST = Duration.ofDays(365);

        @Override
        public Duration convert(String raw) {
            String text = raw.trim().toLowerCase(Locale.ROOT);
            Duration parsed = null;
            Matcher m = SHORT.matcher(text);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                parsed = switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                try {
                    parsed = Duration.parse(raw.trim().toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            if (parsed == null || parsed.isNegative() || parsed.isZero() || parsed.compareTo(LONGEST) > 0) {
                throw new CommandLine.TypeConversionException("a positive duration of at most 365 days is expected "
                        + "(30s, 15m, 12h, 7d or ISO-8601 such as P7D), was '" + raw + "'");
            }
            return parsed;
        }
    }
}
